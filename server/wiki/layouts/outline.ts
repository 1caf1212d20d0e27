/**
 * The sommaire's order: sections (the content root's top folders) under their title, each with its
 * pages as the original tool listed them — GitBook's `SUMMARY.md` first, then `weight`/`position`
 * (`meta.order`, `_category_.json` for folders), then title; a folder's landing page first;
 * Jekyll posts newest first.
 */
import type { PagePath } from '../paths.ts';
import { landingNames, underRoot } from './addresses.ts';
import type { SiteLayout } from './site-layout.ts';

/** What the outline needs of a page. */
export interface OutlinePage {
  /** Repository path. */
  path: PagePath;
  /** Title shown. */
  title: string;
  /** Position among its siblings (`weight`, `sidebar_position`, `nav_order`, `order`). */
  order?: number | undefined;
  /** `AAAA-MM-JJ`, for posts. */
  date?: string | undefined;
}

/** One section of the outline. */
export interface OutlineSection {
  /** Folder under the content root (`guide`), `''` for pages at the top. */
  key: string;
  /** Repository folder of the section (`docs/guide`), `''` for pages at the top. */
  folder: string;
  /** Section title from its landing page or `_category_.json`, when there is one. */
  title: string | undefined;
  /** Title that does not come from a page (`_category_.json` label, « Articles » for Jekyll posts). */
  label: string | undefined;
  /** The landing page of the section, if any. */
  landing: PagePath | undefined;
  /** Pages in order, the landing page first. */
  pages: PagePath[];
}

/** A page with where it sits, computed once per page. */
export interface Placed {
  /** The page. */
  page: OutlinePage;
  /** Repository folder of the content root this page is placed under (`''` outside it). */
  base: string;
  /** Path segments under that root. */
  parts: string[];
  /** Repository folder at each depth (`docs/guide`, `docs/guide/avance`…), computed once, not per comparison. */
  folders: string[];
}

// One collator for every comparison: `localeCompare(…, 'fr')` builds one per call, 50 times slower.
const collator = new Intl.Collator('fr');

/** True for a landing page's file name (`index.md`, `README.md`, `_index.md`). */
export const isLanding = (name: string) => landingNames.includes(name.replace(/\.md$/, ''));
const join = (...parts: string[]) => parts.filter((p) => p !== '').join('/');

/** How pages compare in the sommaire over a set of pages (its landing pages decide folder ranks and labels). */
export interface OutlineOrder {
  /** Where a page sits: its root, path segments and folders. */
  place(page: OutlinePage): Placed;
  /** The sommaire's order, strict: two pages never compare equal. */
  compare(a: Placed, b: Placed): number;
  /** The section key of a placed page (its first folder, `''` at the top). */
  sectionOf(p: Placed): string;
}

/** The order of the sommaire over `pages`. */
export function outlineOrder({ pages, layout }: { pages: readonly OutlinePage[]; layout: SiteLayout }): OutlineOrder & { landingOf: Map<string, OutlinePage>; folderRank(folder: string): number | undefined } {
  const place = (page: OutlinePage): Placed => {
    const rel = underRoot(page.path, layout.sectionsUnder);
    const base = rel === undefined ? '' : layout.sectionsUnder;
    const parts = (rel ?? page.path).split('/');
    return { page, base, parts, folders: parts.map((_, i) => join(base, ...parts.slice(0, i + 1))) };
  };
  const landingOf = new Map<string, OutlinePage>();
  for (const page of pages) {
    const p = place(page);
    if (isLanding(p.parts[p.parts.length - 1] ?? '')) landingOf.set(join(p.base, ...p.parts.slice(0, -1)), p.page);
  }
  const summary = new Map(layout.summary.map((path, i) => [path, i]));
  const folderRank = (folder: string) => layout.categories.get(folder)?.position ?? landingOf.get(folder)?.order;
  const folderLabel = (folder: string, name: string) => layout.categories.get(folder)?.label ?? landingOf.get(folder)?.title ?? name;
  const byPath = (a: Placed, b: Placed) => (a.page.path < b.page.path ? -1 : a.page.path > b.page.path ? 1 : 0);

  const compare = (a: Placed, b: Placed): number => {
    const sa = summary.get(a.page.path);
    const sb = summary.get(b.page.path);
    if (sa !== undefined || sb !== undefined) return (sa ?? Infinity) - (sb ?? Infinity) || 0;
    // Files beside the content root (a repository's own README) come after the site's pages.
    if (a.base !== b.base) return a.base === layout.sectionsUnder ? -1 : 1;
    // Posts of the same day by path: the order never depends on which file was read first.
    if (a.parts[0] === '_posts' && b.parts[0] === '_posts') return collator.compare(b.page.date ?? '', a.page.date ?? '') || byPath(a, b);
    for (let i = 0; ; i++) {
      const [na, nb] = [a.parts[i] ?? '', b.parts[i] ?? ''];
      const lastA = i === a.parts.length - 1;
      const lastB = i === b.parts.length - 1;
      if (na === nb && !lastA && !lastB) continue;
      // A landing page comes before everything else in its folder, sub-folders included.
      if ((lastA && isLanding(na)) !== (lastB && isLanding(nb))) return lastA && isLanding(na) ? -1 : 1;
      const folderA = a.folders[i] ?? '';
      const folderB = b.folders[i] ?? '';
      const rank = (lastA ? a.page.order : folderRank(folderA)) ?? Infinity;
      const rankB = (lastB ? b.page.order : folderRank(folderB)) ?? Infinity;
      if (rank !== rankB) return rank < rankB ? -1 : 1;
      const la = lastA ? a.page.title : folderLabel(folderA, na);
      const lb = lastB ? b.page.title : folderLabel(folderB, nb);
      return collator.compare(la, lb) || byPath(a, b);
    }
  };
  return { place, compare, sectionOf: (p) => (p.parts.length > 1 ? (p.parts[0] ?? '') : ''), landingOf, folderRank };
}

/** Orders pages into sections. */
export function buildOutline({ pages, layout }: { pages: readonly OutlinePage[]; layout: SiteLayout }): OutlineSection[] {
  const { place, compare, sectionOf, landingOf, folderRank } = outlineOrder({ pages, layout });
  const summary = new Map(layout.summary.map((path, i) => [path, i]));
  const placed = pages.map(place);
  const sections = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = sectionOf(p);
    const list = sections.get(key);
    if (list) list.push(p);
    else sections.set(key, [p]);
  }
  const out = [...sections].map(([key, list]): OutlineSection & { rank: number | undefined; base: string } => {
    const base = list[0]?.base ?? '';
    const folder = join(base, key);
    const landing = key === '' ? undefined : landingOf.get(folder);
    const label = key === '' ? undefined : (layout.categories.get(folder)?.label ?? (key === '_posts' ? 'Articles' : undefined));
    const title = key === '' ? undefined : (label ?? landing?.title);
    return { key, folder: key === '' ? '' : folder, title, label, landing: landing?.path, pages: list.sort(compare).map((p) => p.page.path), rank: key === '' ? -Infinity : folderRank(folder), base };
  });
  const firstInSummary = (s: OutlineSection) => Math.min(...s.pages.map((p) => summary.get(p) ?? Infinity));
  return out
    .sort((a, b) => firstInSummary(a) - firstInSummary(b) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || collator.compare(a.title ?? a.key, b.title ?? b.key))
    .map(({ key, folder, title, label, landing, pages: list }) => ({ key, folder, title, label, landing, pages: list }));
}
