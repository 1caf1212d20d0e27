/** Recent changes, as much as the viewer may know of them. */
import type { Page } from '../../server/wiki/page.ts';
import { extrasOf, safely, type RecentChange } from './hub-extras.ts';
import { byNewest } from './page-lists.ts';
import { visibleByPath, type SiteLocals } from './visible.ts';

/** One line of « Dernières modifications ». */
export interface ChangeLine {
  /** The page changed (currently visible to the viewer). */
  page: Page;
  /** Who changed it; undefined when history is not available. */
  author: string | undefined;
  /** When (ISO) — commit time, or the page date as a fallback. */
  date: string | undefined;
  /** What happened. */
  change: 'added' | 'modified' | 'renamed' | undefined;
  /** Commit message, only when the commit touches nothing the viewer may not see. */
  message: string | undefined;
}

/**
 * The last `limit` changed pages, one line per page, newest first. Only pages that exist now and
 * are visible are named; a commit message is shown only if every file of the commit is visible,
 * since a message may quote a team page's title.
 */
export async function recentChanges(locals: SiteLocals, visible: Page[], limit: number): Promise<ChangeLine[]> {
  const history = extrasOf(locals.hub).history;
  const commits = await safely<RecentChange[] | undefined>(
    history?.recentChanges && (() => history.recentChanges?.({ limit: limit * 4 }) ?? []),
    undefined,
  );
  if (!commits) {
    return byNewest(visible)
      .filter((p) => p.meta.date)
      .slice(0, limit)
      .map((page) => ({ page, author: undefined, date: page.meta.date, change: undefined, message: undefined }));
  }
  const lines: ChangeLine[] = [];
  const seen = new Set<string>();
  for (const commit of commits) {
    const allVisible = commit.paths.every((p) => visibleByPath(locals, p.path));
    for (const { path, change } of commit.paths) {
      const page = visibleByPath(locals, path);
      if (!page || change === 'deleted' || seen.has(path)) continue;
      seen.add(path);
      lines.push({ page, author: commit.author, date: commit.date, change, message: allVisible ? commit.message : undefined });
      if (lines.length >= limit) return lines;
    }
  }
  return lines;
}
