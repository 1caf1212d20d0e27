/**
 * Resolves every page's links with the one resolver, and derives backlinks, outgoing links and
 * broken links from the result. Built once, then kept up to date: a change resolves again only
 * the pages whose links asked about what changed (`link-deps.ts`), found through what they asked.
 */
import type { PagePath } from './paths.ts';
import type { Page, PageLink } from './page.ts';
import type { RawLink } from './links.ts';
import { normaliseAddress, resolveLink, titleKey, titleKeysOf, type LinkLookup, type LinkLookupOptions, type LinkResolution, type LinkToResolve } from './resolve-link.ts';
import { createTitleTable } from './title-table.ts';
import { createLinkDeps, fileBucket, placeBucket, titleBucket } from './link-deps.ts';

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

/** What changed since the graph last looked, as the index tells it. */
export interface LinkGraphChange {
  /** Pages added or edited (in `pages` and `raw` now). */
  changed: readonly PagePath[];
  /** Pages removed (gone from `pages` and `raw`). */
  removed: readonly PagePath[];
  /** Addresses of the address table that lead elsewhere now. */
  addresses?: readonly string[] | undefined;
  /** Pages served at another address now (their links written relative to it may lead elsewhere). */
  readdressed?: readonly PagePath[] | undefined;
  /** Files that are not pages, added or removed (embeds by name). */
  files?: readonly string[] | undefined;
}

/** A link graph that follows changes without being built again. */
export interface UpdatableLinkGraph extends LinkGraph {
  /** Takes a change; returns how many pages had their links resolved again. */
  update(change: LinkGraphChange): number;
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

/** A page's declared address as a key (none: no key). */
const declaredKeys = (page: Page | undefined): string[] => {
  const address = page?.permalink === undefined ? '' : normaliseAddress(page.permalink);
  return address === '' ? [] : [address];
};

/**
 * Builds the graph from pages and their extracted links (`raw` maps page path → links as written,
 * in index order); `options` adds the address table. Both maps are read again by `update`.
 */
export function buildLinkGraph(pages: ReadonlyMap<PagePath, Page>, raw: ReadonlyMap<PagePath, RawLink[]>, options: LinkLookupOptions = {}): UpdatableLinkGraph {
  // Backlinks, broken links and title claims keep the pages' order (a new page comes last, as in
  // the index's maps), so an update gives what a rebuild gives.
  const rank = new Map<PagePath, number>();
  for (const from of raw.keys()) rank.set(from, rank.size);
  for (const p of pages.keys()) if (!rank.has(p)) rank.set(p, rank.size);
  let nextRank = rank.size;
  const rankOf = (p: PagePath) => rank.get(p) as number;
  const titles = createTitleTable({ rankOf });
  // Declared addresses, for a graph built without the index's address table (which has them).
  const declared = createTitleTable({ rankOf });
  for (const page of pages.values()) {
    titles.set(page.path, titleKeysOf(linkableOf(page)));
    declared.set(page.path, declaredKeys(page));
  }
  let asked: Set<string> | undefined;
  const lookup: LinkLookup = {
    byPath: (p) => (asked?.add(placeBucket(p)), pages.has(p as PagePath) ? (p as PagePath) : undefined),
    byAddress: (a) => (asked?.add(placeBucket(a)), options.byAddress ? options.byAddress(a) : declared.byKey(a)),
    byTitle: (t) => {
      const key = titleKey(t);
      asked?.add(titleBucket(key));
      return titles.byKey(key);
    },
    byFileName: options.byFileName && ((name) => (asked?.add(fileBucket(name)), options.byFileName?.(name))),
    addressOf: options.addressOf,
  };
  const resolved = new Map<PagePath, PageLink[]>();
  const out = new Map<PagePath, PagePath[]>();
  const back = new Map<PagePath, PagePath[]>();
  const brokenBy = new Map<PagePath, BrokenLink[]>();
  const deps = createLinkDeps();
  let broken: BrokenLink[] | undefined;

  function addBack(to: PagePath, from: PagePath): void {
    const sources = back.get(to);
    if (!sources) return void back.set(to, [from]);
    const r = rankOf(from);
    let lo = 0;
    let hi = sources.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rankOf(sources[mid] as PagePath) < r) lo = mid + 1;
      else hi = mid;
    }
    sources.splice(lo, 0, from);
  }

  function forget(from: PagePath): void {
    for (const t of out.get(from) ?? []) {
      const sources = back.get(t);
      const at = sources?.indexOf(from) ?? -1;
      if (sources && at >= 0) sources.splice(at, 1);
      if (sources?.length === 0) back.delete(t);
    }
    out.delete(from);
    resolved.delete(from);
    brokenBy.delete(from);
    deps.forget(from);
  }

  function resolveFrom(from: PagePath, links: readonly RawLink[]): void {
    asked = new Set();
    const list = links.map((link) => pageLinkOf(from, link, lookup));
    deps.set(from, asked);
    asked = undefined;
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
    for (const t of targets) addBack(t, from);
  }

  for (const [from, links] of raw) resolveFrom(from, links);
  return {
    byTitle: (title) => titles.byTitle(title),
    resolve: (from, link) => resolveLink({ from, link }, lookup),
    linksOf: (p) => resolved.get(p) ?? [],
    backlinks: (p) => back.get(p) ?? [],
    outgoing: (p) => out.get(p) ?? [],
    get broken(): BrokenLink[] {
      broken ??= [...rank.keys()].flatMap((p) => brokenBy.get(p) ?? []);
      return broken;
    },
    update({ changed, removed, addresses = [], readdressed = [], files = [] }) {
      // What can answer differently now: paths, titles, declared addresses, table addresses, files.
      const moved = new Set<string>([...addresses.map(placeBucket), ...files.map(fileBucket)]);
      const again = new Set<PagePath>(readdressed);
      for (const p of removed) {
        if (!rank.has(p)) continue;
        forget(p);
        for (const key of titles.set(p, [])) moved.add(titleBucket(key));
        for (const key of declared.set(p, [])) moved.add(placeBucket(key));
        moved.add(placeBucket(p));
        rank.delete(p);
      }
      for (const p of changed) {
        if (!rank.has(p)) {
          rank.set(p, nextRank++);
          moved.add(placeBucket(p));
        }
        for (const key of titles.set(p, titleKeysOf(linkableOf(pages.get(p) as Page)))) moved.add(titleBucket(key));
        for (const key of declared.set(p, declaredKeys(pages.get(p)))) moved.add(placeBucket(key));
        again.add(p);
      }
      for (const p of deps.askers(moved)) again.add(p);
      let count = 0;
      for (const from of again) {
        forget(from);
        if (!pages.has(from)) continue;
        resolveFrom(from, raw.get(from) ?? []);
        count++;
      }
      for (const p of removed) back.delete(p);
      broken = undefined;
      return count;
    },
  };
}
