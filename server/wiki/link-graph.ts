/**
 * Resolves every page's links once (per index version) with the one resolver, and derives
 * backlinks, outgoing links and broken links from the result.
 */
import type { PagePath } from './paths.ts';
import type { Page, PageLink } from './page.ts';
import type { RawLink } from './links.ts';
import { normaliseAddress, resolveLink, titleKey, titleKeysOf, type LinkLookup, type LinkLookupOptions, type LinkResolution, type LinkToResolve } from './resolve-link.ts';
import { createTitleTable } from './title-table.ts';

export { titleKey } from './resolve-link.ts';

/** A link that points nowhere. */
export interface BrokenLink {
  /** Page holding the link. */
  from: PagePath;
  /** Target as extracted (title, repository path or site address). */
  target: string;
  /** Kind of link. */
  kind: RawLink['kind'];
}

/** The derived link graph of a set of pages. */
export interface LinkGraph {
  /** Resolves a `[[Titre]]` target (title or alias, without case or accents). */
  byTitle(title: string): PagePath | undefined;
  /** Resolves one link written in page `from`, as the renderer and the editor do. */
  resolve(from: PagePath, link: LinkToResolve): LinkResolution;
  /** Links of a page with their resolution, in document order. */
  linksOf(path: PagePath): readonly PageLink[];
  /** Pages linking to this one. */
  backlinks(path: PagePath): PagePath[];
  /** Resolved outgoing page links of a page. */
  outgoing(path: PagePath): PagePath[];
  /** Links that point nowhere. */
  broken: BrokenLink[];
}

/** What a page offers to links: its path, title, aliases and declared address. */
function linkableOf(page: Page) {
  return { path: page.path, title: page.meta.title, aliases: page.meta.aliases, permalink: page.permalink };
}

/** Resolves one extracted link into the index's shape. */
function pageLinkOf(from: PagePath, link: RawLink, lookup: LinkLookup): PageLink {
  if (link.kind === 'external') return { ...link, resolved: undefined, file: true, broken: false };
  const to = resolveLink({ from, link: { kind: link.kind, target: link.target } }, lookup);
  const page = to === 'file' || to === 'site' ? undefined : to;
  return { ...link, resolved: page, file: to === 'file' || to === 'site', broken: to === undefined };
}

/** A link graph that can also follow edits of known pages without being rebuilt. */
export interface UpdatableLinkGraph extends LinkGraph {
  /**
   * Takes the edits of `changed` pages (body, title, aliases): their keys in the title lookup and
   * their links are updated, and the links of every page naming an old or new title are resolved
   * again. False when a page is unknown to the graph or its declared address moved (the caller
   * builds a new one). Only valid while no page was added or removed and no address moved.
   */
  update(changed: readonly PagePath[]): boolean;
}

/**
 * Builds the graph from pages and their extracted links (`raw` maps page path → links as written,
 * in index order); `options` adds the address table. `pages` is read again by `update`.
 */
export function buildLinkGraph(pages: ReadonlyMap<PagePath, Page>, raw: ReadonlyMap<PagePath, RawLink[]>, options: LinkLookupOptions = {}): UpdatableLinkGraph {
  // Backlinks, broken links and title claims keep the pages' order, so an update gives what a rebuild gives.
  const rank = new Map<PagePath, number>();
  for (const from of raw.keys()) rank.set(from, rank.size);
  for (const p of pages.keys()) if (!rank.has(p)) rank.set(p, rank.size);
  const titles = createTitleTable({ rankOf: (p) => rank.get(p) as number });
  const addresses = new Map<string, PagePath>();
  const declared = new Map<PagePath, string | undefined>();
  for (const page of pages.values()) {
    titles.set(page.path, titleKeysOf(linkableOf(page)));
    if (page.permalink !== undefined) declared.set(page.path, page.permalink);
    const address = page.permalink === undefined ? '' : normaliseAddress(page.permalink);
    if (address && !addresses.has(address)) addresses.set(address, page.path);
  }
  const lookup: LinkLookup = {
    byPath: (p) => (pages.has(p as PagePath) ? (p as PagePath) : undefined),
    byAddress: (a) => options.byAddress?.(a) ?? addresses.get(a),
    byTitle: (t) => titles.byTitle(t),
    byFileName: options.byFileName,
    addressOf: options.addressOf,
  };
  const resolved = new Map<PagePath, PageLink[]>();
  const out = new Map<PagePath, PagePath[]>();
  const back = new Map<PagePath, PagePath[]>();
  const brokenBy = new Map<PagePath, BrokenLink[]>();
  // Pages by the title keys their `[[…]]` links name: who to resolve again when a title moves.
  // Arrays, not Sets: one per title named, and a Set's table is ten times an array of one.
  const namedBy = new Map<string, PagePath[]>();
  const namesOf = new Map<PagePath, string[]>();
  let broken: BrokenLink[] | undefined;

  function addBack(to: PagePath, from: PagePath): void {
    const sources = back.get(to);
    if (!sources) return void back.set(to, [from]);
    const r = rank.get(from) as number;
    let lo = 0;
    let hi = sources.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rank.get(sources[mid] as PagePath) as number) < r) lo = mid + 1;
      else hi = mid;
    }
    sources.splice(lo, 0, from);
  }

  function forget(from: PagePath): void {
    for (const t of out.get(from) ?? []) {
      const sources = back.get(t) as PagePath[];
      sources.splice(sources.indexOf(from), 1);
      if (sources.length === 0) back.delete(t);
    }
    for (const key of namesOf.get(from) ?? []) {
      const list = namedBy.get(key);
      const at = list?.indexOf(from) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
      if (list?.length === 0) namedBy.delete(key);
    }
  }

  function resolveFrom(from: PagePath, links: readonly RawLink[]): void {
    const list = links.map((link) => pageLinkOf(from, link, lookup));
    resolved.set(from, list);
    const targets = new Set<PagePath>();
    const dead: BrokenLink[] = [];
    for (const link of list) {
      if (link.resolved) targets.add(link.resolved);
      else if (link.broken) dead.push({ from, target: link.target, kind: link.kind });
    }
    targets.delete(from);
    out.set(from, [...targets]);
    if (dead.length > 0) brokenBy.set(from, dead);
    else brokenBy.delete(from);
    for (const t of targets) addBack(t, from);
    const names = [...new Set(links.filter((l) => l.kind === 'wiki').map((l) => titleKey(l.target)))];
    namesOf.set(from, names);
    for (const key of names) {
      const list = namedBy.get(key);
      if (list) list.push(from);
      else namedBy.set(key, [from]);
    }
  }

  for (const [from, links] of raw) resolveFrom(from, links);
  return {
    byTitle: (title) => lookup.byTitle(title),
    resolve: (from, link) => resolveLink({ from, link }, lookup),
    linksOf: (p) => resolved.get(p) ?? [],
    backlinks: (p) => back.get(p) ?? [],
    outgoing: (p) => out.get(p) ?? [],
    get broken(): BrokenLink[] {
      broken ??= [...rank.keys()].flatMap((p) => brokenBy.get(p) ?? []);
      return broken;
    },
    update(changed) {
      if (changed.some((p) => !resolved.has(p) || !raw.has(p) || !pages.has(p) || declared.get(p) !== pages.get(p)?.permalink)) return false;
      const again = new Set(changed);
      for (const p of changed) {
        for (const key of titles.set(p, titleKeysOf(linkableOf(pages.get(p) as Page)))) for (const from of namedBy.get(key) ?? []) again.add(from);
      }
      for (const from of again) {
        forget(from);
        resolveFrom(from, raw.get(from) as RawLink[]);
      }
      broken = undefined;
      return true;
    },
  };
}
