/** Broken links as one viewer may know them. */
import { findLinks } from '../wiki/links.ts';
import type { Page } from '../wiki/page.ts';
import { resolveRelative } from '../wiki/paths.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import type { ReadableBrokenLink } from './wiki-reader.ts';

/** Options of readableBrokenLinks. */
export interface ReadableBrokenLinksOptions {
  /** The page index (links resolved once per index version). */
  index: WikiIndex;
  /** Pages the viewer may read. */
  pages: Page[];
  /** The page if the viewer may read it. */
  readable(page: Page | undefined): Page | undefined;
  /** True for the team, who read every target. */
  team: boolean;
}

/**
 * Broken links found in readable pages. Outside the team a link to a page the viewer may not read
 * is broken too (the page view renders it as missing): listing it apart would reveal that page.
 */
export function readableBrokenLinks({ index, pages, readable, team }: ReadableBrokenLinksOptions): ReadableBrokenLink[] {
  const out: ReadableBrokenLink[] = [];
  for (const link of index.brokenLinks()) {
    const page = readable(index.get(link.from));
    if (page) out.push({ ...link, page });
  }
  if (team) return out;
  for (const page of pages) {
    for (const link of findLinks(page.body)) {
      if (link.kind === 'external') continue;
      const target =
        link.kind === 'wiki'
          ? index.findByTitle(link.target)
          : ((p) => (p === undefined ? undefined : (index.get(p) ?? index.get(`${p}.md`) ?? index.get(`${p.replace(/\/$/, '')}/index.md`))))(resolveRelative(page.path, link.target));
      if (target && !readable(target)) out.push({ from: page.path, target: link.target, kind: link.kind, page });
    }
  }
  return out;
}
