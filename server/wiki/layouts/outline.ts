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
  /** The landing page of the section, if any. */
  landing: PagePath | undefined;
  /** Pages in order, the landing page first. */
  pages: PagePath[];
}

interface Placed {
  page: OutlinePage;
  /** Repository folder of the content root this page is placed under (`''` outside it). */
  base: string;
  /** Path segments under that root. */
  parts: string[];
}

const isLanding = (name: string) => landingNames.includes(name.replace(/\.md$/, ''));
const join = (...parts: string[]) => parts.filter((p) => p !== '').join('/');

/** Orders pages into sections. */
export function buildOutline({ pages, layout }: { pages: readonly OutlinePage[]; layout: SiteLayout }): OutlineSection[] {
  const placed: Placed[] = pages.map((page) => {
    const rel = underRoot(page.path, layout.sectionsUnder);
    return { page, base: rel === undefined ? '' : layout.sectionsUnder, parts: (rel ?? page.path).split('/') };
  });
  const landingOf = new Map<string, OutlinePage>();
  for (const p of placed) if (isLanding(p.parts[p.parts.length - 1] ?? '')) landingOf.set(join(p.base, ...p.parts.slice(0, -1)), p.page);
  const summary = new Map(layout.summary.map((path, i) => [path, i]));
  const folderRank = (folder: string) => layout.categories.get(folder)?.position ?? landingOf.get(folder)?.order;
  const folderLabel = (folder: string, name: string) => layout.categories.get(folder)?.label ?? landingOf.get(folder)?.title ?? name;

  const compare = (a: Placed, b: Placed): number => {
    const sa = summary.get(a.page.path);
    const sb = summary.get(b.page.path);
    if (sa !== undefined || sb !== undefined) return (sa ?? Infinity) - (sb ?? Infinity) || 0;
    // Files beside the content root (a repository's own README) come after the site's pages.
    if (a.base !== b.base) return a.base === layout.sectionsUnder ? -1 : 1;
    if (a.parts[0] === '_posts' && b.parts[0] === '_posts') return (b.page.date ?? '').localeCompare(a.page.date ?? '');
    for (let i = 0; ; i++) {
      const [na, nb] = [a.parts[i] ?? '', b.parts[i] ?? ''];
      const lastA = i === a.parts.length - 1;
      const lastB = i === b.parts.length - 1;
      if (na === nb && !lastA && !lastB) continue;
      if (lastA && isLanding(na) !== (lastB && isLanding(nb))) return lastA && isLanding(na) ? -1 : 1;
      const folderA = join(a.base, ...a.parts.slice(0, i + 1));
      const folderB = join(b.base, ...b.parts.slice(0, i + 1));
      const rank = (lastA ? a.page.order : folderRank(folderA)) ?? Infinity;
      const rankB = (lastB ? b.page.order : folderRank(folderB)) ?? Infinity;
      if (rank !== rankB) return rank < rankB ? -1 : 1;
      const la = lastA ? a.page.title : folderLabel(folderA, na);
      const lb = lastB ? b.page.title : folderLabel(folderB, nb);
      return la.localeCompare(lb, 'fr') || a.page.path.localeCompare(b.page.path);
    }
  };

  const sections = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = p.parts.length > 1 ? (p.parts[0] ?? '') : '';
    sections.set(key, [...(sections.get(key) ?? []), p]);
  }
  const out = [...sections].map(([key, list]): OutlineSection & { rank: number | undefined; base: string } => {
    const base = list[0]?.base ?? '';
    const folder = join(base, key);
    const landing = key === '' ? undefined : landingOf.get(folder);
    const title = key === '' ? undefined : (layout.categories.get(folder)?.label ?? landing?.title ?? (key === '_posts' ? 'Articles' : undefined));
    return { key, folder: key === '' ? '' : folder, title, landing: landing?.path, pages: list.sort(compare).map((p) => p.page.path), rank: key === '' ? -Infinity : folderRank(folder), base };
  });
  const firstInSummary = (s: OutlineSection) => Math.min(...s.pages.map((p) => summary.get(p) ?? Infinity));
  return out
    .sort((a, b) => firstInSummary(a) - firstInSummary(b) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.title ?? a.key).localeCompare(b.title ?? b.key, 'fr'))
    .map(({ key, folder, title, landing, pages: list }) => ({ key, folder, title, landing, pages: list }));
}
