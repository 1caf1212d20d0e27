/** « Dernières modifications » of the home page and the sommaire: the commit feed folded to one line per page. */
import type { ChangeEntry } from './recent-changes.ts';
import type { Page } from '../wiki/page.ts';
import type { ChangeLine } from './wiki-reader.ts';

// ISO dates compare as strings; titles through one collator rather than a locale look-up per pair.
const french = new Intl.Collator('fr');

/** Options of recentLines. */
export interface RecentLinesOptions {
  /** The viewer's commit feed (already scoped: readable pages, neutral messages outside the team). */
  entries: ChangeEntry[];
  /** A readable page by path. */
  pageAt(path: string): Page | undefined;
  /** True for the team (commit messages shown). */
  team: boolean;
  /** Lines wanted. */
  limit: number;
  /** Readable pages, for the page-date fallback while the history is being built. */
  fallback(): Page[];
}

/** The last `limit` changed pages, newest first; page dates stand in while the history is not built. */
export function recentLines({ entries, pageAt, team, limit, fallback }: RecentLinesOptions): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const changed of entry.pages) {
      const page = pageAt(changed.path);
      if (!page || changed.change === 'deleted' || seen.has(changed.path)) continue;
      seen.add(changed.path);
      lines.push({ page, author: entry.author, date: entry.date, change: changed.change, message: team ? entry.message : undefined });
      if (lines.length >= limit) return lines;
    }
  }
  if (lines.length > 0) return lines;
  return fallback()
    .filter((p) => p.meta.date)
    .sort((a, b) => ((a.meta.date ?? '') < (b.meta.date ?? '') ? 1 : (a.meta.date ?? '') > (b.meta.date ?? '') ? -1 : french.compare(a.meta.title, b.meta.title)))
    .slice(0, limit)
    .map((page) => ({ page, author: undefined, date: page.meta.date, change: undefined, message: undefined }));
}
