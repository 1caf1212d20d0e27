/** Broken links as one viewer may know them. */
import type { Page } from '../wiki/page.ts';
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
    for (const link of index.linksOf(page.path)) {
      if (link.resolved !== undefined && link.resolved !== page.path && !readable(index.get(link.resolved))) {
        out.push({ from: page.path, target: link.target, kind: link.kind, page });
      }
    }
  }
  return out;
}
