/**
 * The one link resolver: where a `[[Titre]]`, a repository path or a site address written in a
 * page leads. The index (backlinks, broken links), the renderer and the editor's preview all call
 * `resolveLink`, so a link is broken in one place exactly when it is broken in the others. No
 * `node:` import: the editor loads it in the browser.
 */
import { foldText, isPagePath, type PagePath } from './paths.ts';

/** A link as extracted from a page, before resolution. */
export interface LinkToResolve {
  /** `wiki` for `[[Titre]]`; `relative` for a repository path (`ressources/a.md`) or a site address (`/guide/api/`). */
  kind: 'wiki' | 'relative';
  /** Title or alias (wiki), repository path resolved against the page, or site address starting with `/`. */
  target: string;
}

/**
 * What a link leads to: a page path; `'file'` for a repository file that is not a page (an
 * attachment, served under `/fichiers/`); `'site'` for a site address that is no page (`/tags/x`,
 * `/recherche`), left as written and never broken; `undefined` when it leads nowhere (broken).
 */
export type LinkResolution = PagePath | 'file' | 'site' | undefined;

/** What a page offers to links pointing at it. */
export interface LinkablePage {
  /** Repository path. */
  path: PagePath | string;
  /** Title. */
  title: string;
  /** Other titles. */
  aliases?: readonly string[] | undefined;
  /** Address declared in front matter (`permalink:`), if any. */
  permalink?: string | undefined;
}

/** The pages a resolver can find, by path, address and title. */
export interface LinkLookup {
  /** The page stored at exactly this repository path. */
  byPath(path: string): PagePath | undefined;
  /** The page declaring this address (normalised by `normaliseAddress`). */
  byAddress(address: string): PagePath | undefined;
  /** The page with this title, alias or file name (compared by `titleKey`). */
  byTitle(title: string): PagePath | undefined;
  /** A repository file that is not a page, by name (`schema.png`) or end of path, as Obsidian finds `![[schema.png]]`. */
  byFileName?: ((name: string) => string | undefined) | undefined;
  /** The address a page is served at (`guide/demarrer`), for links written relative to it. */
  addressOf?: ((path: string) => string) | undefined;
}

/** Key under which titles are compared: no case, accents or punctuation. */
export function titleKey(title: string): string {
  return foldText(title).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** `/guide/api/`, `guide/api.html`, `guide/api/index.html` → `guide/api`: how addresses are compared. */
export function normaliseAddress(address: string): string {
  return address
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(/(?:^|\/)index\.html?$/i, '')
    .replace(/\.html?$/i, '')
    .replace(/\/+$/, '');
}

/** URL of a repository file that is not a page. */
export function attachmentUrl(path: string): string {
  return `/fichiers/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** Options of createLinkLookup. */
export interface LinkLookupOptions {
  /** The index's address table (folder landing pages, content root, redirects), asked before `permalink:`s. */
  byAddress?: ((address: string) => PagePath | undefined) | undefined;
  /** The index's files that are not pages, by name (`LinkLookup.byFileName`). */
  byFileName?: ((name: string) => string | undefined) | undefined;
  /** The index's address of each page (`LinkLookup.addressOf`). */
  addressOf?: ((path: string) => string) | undefined;
}

/** The keys a `[[…]]` finds a page by: its title, its aliases and its file name, each once. */
export function titleKeysOf(page: LinkablePage): string[] {
  const fileName = page.path.replace(/\.md$/, '').split('/').pop() ?? '';
  return [...new Set([page.title, ...(page.aliases ?? []), fileName].map(titleKey))].filter((key) => key !== '');
}

/** A lookup over a list of pages; the first page to claim a title or address keeps it. */
export function createLinkLookup(pages: Iterable<LinkablePage>, options: LinkLookupOptions = {}): LinkLookup {
  const paths = new Set<string>();
  const titles = new Map<string, PagePath>();
  const addresses = new Map<string, PagePath>();
  for (const page of pages) {
    const path = page.path as PagePath;
    paths.add(path);
    for (const key of titleKeysOf(page)) if (!titles.has(key)) titles.set(key, path);
    const address = page.permalink === undefined ? '' : normaliseAddress(page.permalink);
    if (address && !addresses.has(address)) addresses.set(address, path);
  }
  return {
    byPath: (p) => (paths.has(p) ? (p as PagePath) : undefined),
    byAddress: (a) => options.byAddress?.(a) ?? addresses.get(a),
    byTitle: (t) => titles.get(titleKey(t)),
    byFileName: options.byFileName,
    addressOf: options.addressOf,
  };
}

/** Folder landing pages, in the order they win (MkDocs/Hugo `index`, VuePress/GitHub `README`, Hugo `_index`). */
const landingNames = ['index.md', 'README.md', '_index.md'];

/** A page at a repository path: as written, with `.md`, or the folder's landing page. */
function pageAtPath(path: string, lookup: LinkLookup): PagePath | undefined {
  const bare = path.replace(/\/+$/, '');
  if (bare === '') return firstPage(landingNames, lookup);
  if (bare.endsWith('.md') && isPagePath(bare)) return lookup.byPath(bare);
  return firstPage([`${bare}.md`, ...landingNames.map((n) => `${bare}/${n}`)], lookup);
}

function firstPage(candidates: string[], lookup: LinkLookup): PagePath | undefined {
  for (const c of candidates) {
    const found = isPagePath(c) ? lookup.byPath(c) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * Hugo, Jekyll and MkDocs publish a page as a folder (`/guide/demarrer/`), and a link written
 * relative to that address (`../suite/`) works on the published site. When a link leads nowhere
 * from the page's file, the same steps (`target` relative to the file's folder) are taken from
 * the page's address, as the original site's browser would.
 */
function fromAddress(from: string, target: string, lookup: LinkLookup): PagePath | undefined {
  if (lookup.addressOf === undefined || !isPagePath(from)) return undefined;
  const folder = from.split('/').slice(0, -1);
  const parts = target.split('/').filter((s) => s !== '');
  let shared = 0;
  while (shared < folder.length && shared < parts.length && folder[shared] === parts[shared]) shared++;
  const base = lookup.addressOf(from).split('/').filter((s) => s !== '');
  const up = folder.length - shared;
  if (up > base.length) return undefined;
  const address = normaliseAddress([...base.slice(0, base.length - up), ...parts.slice(shared)].join('/'));
  return lookup.byAddress(address) ?? lookup.byAddress(address.replace(/\.md$/i, ''));
}

/**
 * Resolves one link of the page `from` (its relative targets are already resolved against it by
 * the extractor or the renderer, so `from` only names the page for callers' records). Order: repository path (with or without `.md`), folder
 * landing page, `permalink:` address, `/wiki/<slug>` address, then — for `[[…]]` — title or alias,
 * and an Obsidian-style path from the root (`[[outils/visio]]`).
 */
export function resolveLink({ from, link }: { from: PagePath | string; link: LinkToResolve }, lookup: LinkLookup): LinkResolution {
  const { target } = link;
  // `[[schema.png]]` / `![[schema.png]]`: a file found by name anywhere (Obsidian), before titles.
  if (link.kind === 'wiki' && /\.[a-z0-9]{1,8}$/i.test(target) && !/\.md$/i.test(target) && lookup.byFileName?.(target) !== undefined) return 'file';
  if (link.kind === 'wiki') return lookup.byTitle(target) ?? (target.includes('/') ? pageAtPath(target, lookup) : undefined);
  // A site address (`/guide/api/`): the targets are already resolved from the root.
  if (target.startsWith('/')) {
    const address = normaliseAddress(target);
    const slug = /^wiki\/(.+)$/.exec(address)?.[1];
    const wiki = slug === undefined ? undefined : (lookup.byPath(`${slug}.md`) ?? lookup.byAddress(normaliseAddress(slug.replace(/\.md$/i, ''))));
    return wiki ?? pageAtPath(address, lookup) ?? lookup.byAddress(address) ?? lookup.byAddress(address.replace(/\.md$/i, '')) ?? 'site';
  }
  const page = pageAtPath(target, lookup) ?? lookup.byAddress(normaliseAddress(target)) ?? lookup.byAddress(normaliseAddress(target.replace(/\.md$/i, ''))) ?? fromAddress(String(from), target, lookup);
  if (page) return page;
  return /\.[a-z0-9]{1,8}$/i.test(target) && !target.endsWith('.md') ? 'file' : undefined;
}
