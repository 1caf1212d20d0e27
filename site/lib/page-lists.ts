/** Sorting and grouping of page lists. */
import type { WikiReader } from '../../server/reading/wiki-reader.ts';
import type { Page } from '../../server/wiki/page.ts';
import { labelTags } from '../../server/wiki/tags.ts';
import { sectionLabel, typeLabel, typeRank } from './format.ts';

/** A group of pages with its label. */
export interface PageGroup {
  /** Key (type or section). */
  key: string;
  /** French label. */
  label: string;
  /** Pages of the group. */
  pages: Page[];
}

// One collator for every list: `localeCompare(…, 'fr')` looks the locale up again on each call.
const french = new Intl.Collator('fr');

/** Compares two texts in French order (accents and case after the letters). */
export const compareFrench: (a: string, b: string) => number = french.compare;

/** Alphabetical, French collation. */
export function byTitle(pages: Page[]): Page[] {
  return [...pages].sort((a, b) => french.compare(a.meta.title, b.meta.title));
}

/** Newest date first; undated pages after, alphabetically. */
export function byNewest(pages: Page[]): Page[] {
  // ISO dates sort as plain strings: no collation needed (it was a sixth of the home page's time).
  return [...pages].sort((a, b) => {
    const x = a.meta.date ?? '';
    const y = b.meta.date ?? '';
    return x < y ? 1 : x > y ? -1 : french.compare(a.meta.title, b.meta.title);
  });
}

function groupBy(pages: Page[], keyOf: (p: Page) => string): Map<string, Page[]> {
  const groups = new Map<string, Page[]>();
  for (const p of pages) {
    const key = keyOf(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return groups;
}

/** Pages by type, types in their natural order, newest first inside. */
export function groupByType(pages: Page[]): PageGroup[] {
  return [...groupBy(pages, (p) => p.meta.type)]
    .map(([key, list]) => ({ key, label: typeLabel(key, true), pages: byNewest(list) }))
    .sort((a, b) => typeRank(a.key) - typeRank(b.key) || french.compare(a.label, b.label));
}

/** Pages by section folder, alphabetically by display title; `landingTitle` is `reader.sectionTitle`. */
export function groupBySection(pages: Page[], landingTitle: (section: string) => string | undefined = () => undefined): PageGroup[] {
  return [...groupBy(pages, (p) => p.section)]
    .map(([key, list]) => ({ key, label: sectionLabel(key, landingTitle(key)), pages: byTitle(list) }))
    .sort((a, b) => french.compare(a.label, b.label));
}

/**
 * The sommaire's sections (`reader.outline()`): each folder under its title (landing page,
 * `_category_.json` label, else its French name), its pages in the original tool's order
 * (`SUMMARY.md`, then `weight`/`position`, then title), the landing page first.
 */
export function groupByOutline(reader: WikiReader): (PageGroup & { folder: string })[] {
  return reader.outline().map((s) => ({ key: s.key, folder: s.folder, label: sectionLabel(s.key, s.title), pages: s.pages }));
}

/** DOM id of a group anchor (`type-compte-rendu`). */
export function groupId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^a-z0-9-]+/gi, '-') || 'racine'}`;
}

// One request, one reader: a long list maps its tags through one table instead of one per page.
const labellers = new WeakMap<WikiReader, (tag: string) => string>();

/** The name every list shows for a tag as a page writes it: its canonical spelling or alias target (« pole emploi » → « France Travail »). */
export function tagLabeller(reader: WikiReader): (tag: string) => string {
  let label = labellers.get(reader);
  if (!label) labellers.set(reader, (label = labelTags(reader.tags())));
  return label;
}

/** A page's tags as the lists show them: canonical names, each once, in the page's order. */
export function shownTags(reader: WikiReader, tags: readonly string[]): string[] {
  return [...new Set(tags.map(tagLabeller(reader)))];
}
