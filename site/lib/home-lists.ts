/**
 * The lists of the home portal and the sommaire, computed once per index and history version for
 * the viewer's audience (`reader.remember`) and then served from memory: at 10,000 pages they took
 * ~19 ms of CPU per request.
 */
import type { WikiReader } from '../../server/reading/wiki-reader.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { TagInfo } from '../../server/wiki/tags.ts';
import { byTitle, groupByType, type PageGroup } from './page-lists.ts';

/** What the home portal shows. */
export interface HomeLists {
  /** Types with their count, in their natural order. */
  types: { key: string; label: string; count: number }[];
  /** The twenty most used tags. */
  tags: TagInfo[];
  /** Up to four pages of the `accueil` section, alphabetically. */
  firstSteps: Page[];
}

/** The home portal's lists for this reader's audience. */
export function homeLists(reader: WikiReader): HomeLists {
  return reader.remember('home', () => {
    const pages = reader.pages();
    return {
      types: typeGroups(reader).map((g) => ({ key: g.key, label: g.label, count: g.pages.length })),
      tags: reader.tags().slice(0, 20),
      firstSteps: byTitle(pages.filter((p) => p.section === 'accueil')).slice(0, 4),
    };
  });
}

/** Readable pages by type, newest first inside (the sommaire, /recherche's filters); shared, do not mutate. */
export function typeGroups(reader: WikiReader): PageGroup[] {
  return reader.remember('types', () => groupByType(reader.pages()));
}

/** Number of readable pages. */
export function pageCount(reader: WikiReader): number {
  return reader.remember('count', () => reader.pages().length);
}
