/** Resolves links between pages and derives backlinks, broken links and orphans. */
import { foldText, resolveRelative, isPagePath, type PagePath } from './paths.ts';
import type { Page } from './page.ts';
import type { RawLink } from './links.ts';

/** A link that points nowhere. */
export interface BrokenLink {
  /** Page holding the link. */
  from: PagePath;
  /** Target as written. */
  target: string;
  /** Kind of link. */
  kind: RawLink['kind'];
}

/** The derived link graph of a set of pages. */
export interface LinkGraph {
  /** Resolves a `[[Titre]]` target (title or alias, without case or accents). */
  byTitle(title: string): PagePath | undefined;
  /** Pages linking to this one. */
  backlinks(path: PagePath): PagePath[];
  /** Resolved outgoing page links of a page. */
  outgoing(path: PagePath): PagePath[];
  /** Links that point nowhere. */
  broken: BrokenLink[];
}

/** Key under which titles are compared. */
export function titleKey(title: string): string {
  return foldText(title).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Builds the graph from pages and their raw links (`raw` maps page path → links as written). */
export function buildLinkGraph(pages: ReadonlyMap<PagePath, Page>, raw: ReadonlyMap<PagePath, RawLink[]>): LinkGraph {
  const titles = new Map<string, PagePath>();
  for (const p of pages.values()) {
    for (const t of [p.meta.title, ...p.meta.aliases, p.slug.split('/').pop() ?? '']) {
      const k = titleKey(t);
      if (k && !titles.has(k)) titles.set(k, p.path);
    }
  }
  const byTitle = (title: string): PagePath | undefined => titles.get(titleKey(title));
  const out = new Map<PagePath, PagePath[]>();
  const back = new Map<PagePath, PagePath[]>();
  const broken: BrokenLink[] = [];
  for (const [from, links] of raw) {
    const targets = new Set<PagePath>();
    for (const link of links) {
      if (link.kind === 'external') continue;
      const to = link.kind === 'wiki' ? byTitle(link.target) : resolveFile(from, link.target, pages);
      if (to === null) continue; // an attachment or other file, not a page
      if (to) targets.add(to);
      else broken.push({ from, target: link.target, kind: link.kind });
    }
    targets.delete(from);
    out.set(from, [...targets]);
    for (const t of targets) back.set(t, [...(back.get(t) ?? []), from]);
  }
  return {
    byTitle,
    backlinks: (p) => back.get(p) ?? [],
    outgoing: (p) => out.get(p) ?? [],
    broken,
  };
}

/** Resolves a relative href to a page path; `null` when it targets a non-page file. */
function resolveFile(from: PagePath, href: string, pages: ReadonlyMap<PagePath, Page>): PagePath | undefined | null {
  const target = resolveRelative(from, href);
  if (target === undefined) return undefined;
  const candidates = [target, `${target}.md`, `${target.replace(/\/$/, '')}/index.md`];
  for (const c of candidates) if (isPagePath(c) && pages.has(c)) return c;
  if (/\.[a-z0-9]{2,5}$/i.test(target) && !target.endsWith('.md')) return null;
  return undefined;
}
