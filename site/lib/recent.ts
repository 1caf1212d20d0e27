/** Recent changes, as much as the viewer may know of them. */
import type { Page } from '../../server/wiki/page.ts';
import type { RecentChange } from '../../server/git/history-index.ts';
import { byNewest } from './page-lists.ts';
import { isTeam, visibleByPath, type SiteLocals } from './visible.ts';

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
  /** Commit message, for the team only: a message may quote a team page's title. */
  message: string | undefined;
}

/**
 * The last `limit` changed pages, one line per page, newest first. Only pages that exist now and
 * are visible are named; commit messages are shown to the team only, since a message may quote a
 * team page's title.
 */
export function recentChanges(locals: SiteLocals, visible: Page[], limit: number): ChangeLine[] {
  const commits = locals.hub.history.recentChanges({ limit: limit * 4, include: (path) => !!visibleByPath(locals, path) });
  const lines = fromCommits(locals, commits, limit);
  if (lines.length > 0) return lines;
  // While the history is being built (first start of a long history), page dates are the best clue.
  return byNewest(visible)
    .filter((p) => p.meta.date)
    .slice(0, limit)
    .map((page) => ({ page, author: undefined, date: page.meta.date, change: undefined, message: undefined }));
}

function fromCommits(locals: SiteLocals, commits: RecentChange[], limit: number): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const seen = new Set<string>();
  const team = isTeam(locals);
  for (const commit of commits) {
    for (const { path, change } of commit.paths) {
      const page = visibleByPath(locals, path);
      if (!page || change === 'deleted' || seen.has(path)) continue;
      seen.add(path);
      lines.push({ page, author: commit.author, date: commit.date, change, message: team ? commit.message : undefined });
      if (lines.length >= limit) return lines;
    }
  }
  return lines;
}
