/**
 * Resolves every page's links once (per index version) with the one resolver, and derives
 * backlinks, outgoing links and broken links from the result.
 */
import type { PagePath } from './paths.ts';
import type { Page, PageLink } from './page.ts';
import type { RawLink } from './links.ts';
import { createLinkLookup, resolveLink, type LinkLookup, type LinkLookupOptions, type LinkResolution, type LinkToResolve } from './resolve-link.ts';

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

/** Builds the graph from pages and their extracted links (`raw` maps page path → links as written); `options` adds the address table. */
export function buildLinkGraph(pages: ReadonlyMap<PagePath, Page>, raw: ReadonlyMap<PagePath, RawLink[]>, options: LinkLookupOptions = {}): LinkGraph {
  const lookup = createLinkLookup([...pages.values()].map(linkableOf), options);
  const resolved = new Map<PagePath, PageLink[]>();
  const out = new Map<PagePath, PagePath[]>();
  const back = new Map<PagePath, PagePath[]>();
  const broken: BrokenLink[] = [];
  for (const [from, links] of raw) {
    const list = links.map((link) => pageLinkOf(from, link, lookup));
    resolved.set(from, list);
    const targets = new Set<PagePath>();
    for (const link of list) {
      if (link.resolved) targets.add(link.resolved);
      else if (link.broken) broken.push({ from, target: link.target, kind: link.kind });
    }
    targets.delete(from);
    out.set(from, [...targets]);
    for (const t of targets) {
      const sources = back.get(t);
      if (sources) sources.push(from);
      else back.set(t, [from]);
    }
  }
  return {
    byTitle: (title) => lookup.byTitle(title),
    resolve: (from, link) => resolveLink({ from, link }, lookup),
    linksOf: (p) => resolved.get(p) ?? [],
    backlinks: (p) => back.get(p) ?? [],
    outgoing: (p) => out.get(p) ?? [],
    broken,
  };
}
