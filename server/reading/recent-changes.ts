/**
 * « Dernières modifications » as a viewer may see them: only pages they can read now, and a
 * commit's message only when they could read every file it touched, at that version.
 */
import { can } from '../access/policy.ts';
import { type Viewer } from '../access/viewer.ts';
import type { PathChange } from '../git/tree-diff.ts';
import { foldText, isPagePath, pathToSlug, slugToUrl, tagKey, type PagePath } from '../wiki/paths.ts';
import { titleFromPath } from '../wiki/parse-page.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { quoteTitle } from '../editing/commit-message.ts';
import { ownerPageOf } from '../editing/page-locations.ts';
import { mayReadMessage } from './page-versions.ts';

/** A page touched by a change. */
export interface ChangedPage {
  /** Page path. */
  path: PagePath;
  /** Page URL (the page may have been deleted since). */
  url: string;
  /** Title now (or from the file name when the page is gone). */
  title: string;
  /** Type now (`page` when gone). */
  type: string;
  /** How the file changed in that commit. */
  change: PathChange['change'];
  /** Old path of a rename (team only). */
  from?: string;
  /** False when the page no longer exists. */
  exists: boolean;
}

/** One commit of the feed. */
export interface ChangeEntry {
  /** Commit id. */
  oid: string;
  /** Author name. */
  author: string;
  /** Commit time, ISO 8601. */
  date: string;
  /** First line of the commit message, or a neutral one when the commit touched what the viewer may not read. */
  message: string;
  /** Pages changed that the viewer may read. */
  pages: ChangedPage[];
}

/** Filters of `listChanges`. */
export interface ListChangesOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who asks. */
  viewer: Viewer;
  /** Maximum number of commits (1–200). */
  limit: number;
  /** Author name (part of, without case or accents) or e-mail (team only). */
  author?: string | undefined;
  /** Page type. */
  type?: string | undefined;
  /** Tag key or tag. */
  tag?: string | undefined;
  /** Only changes at or after this date. */
  since?: string | undefined;
}

// Commits scanned at most for one answer: filters may skip many of them.
const scanLimit = 2000;

/** Recent changes of pages the viewer may read, newest first. */
export function listChanges(options: ListChangesOptions): ChangeEntry[] {
  const { deps, viewer } = options;
  const team = can(viewer, 'team.read');
  const wantedTag = options.tag ? tagKey(options.tag) : undefined;
  const wantedAuthor = options.author ? foldText(options.author.trim()) : undefined;
  const visible = (file: string): boolean => {
    const page = deps.index.get(ownerPageOf(file) ?? file);
    return page ? can(viewer, 'page.read', page.meta) : team;
  };
  const out: ChangeEntry[] = [];
  for (const record of deps.history.recentChanges({ limit: scanLimit, since: options.since })) {
    if (out.length >= options.limit) break;
    if (wantedAuthor && !foldText(record.author).includes(wantedAuthor) && !(team && record.email.toLowerCase() === wantedAuthor)) continue;
    const pages: ChangedPage[] = [];
    for (const c of record.paths) {
      if (!isPagePath(c.path) || !visible(c.path)) continue;
      const page = deps.index.get(c.path);
      if (options.type && page?.meta.type !== options.type) continue;
      if (wantedTag && !(page && deps.index.hasTag(page, wantedTag))) continue;
      pages.push({
        path: c.path,
        url: slugToUrl(pathToSlug(c.path)),
        title: page?.meta.title ?? titleFromPath(c.path),
        type: page?.meta.type ?? 'page',
        change: c.change,
        ...(team && c.from !== undefined ? { from: c.from } : {}),
        exists: page !== undefined,
      });
    }
    if (pages.length === 0) continue;
    // A message may name anything its commit touched, as it was then: a team page, or a page that
    // was team-only at the time. It is shown only to who could read all of it.
    const neutral = pages.length === 1 ? `Modification de ${quoteTitle(pages[0]?.title ?? '')}` : `Modification de ${pages.length} pages`;
    out.push({ oid: record.oid, author: record.author, date: record.date, message: mayReadMessage(viewer, record.touched) ? record.message : neutral, pages });
  }
  return out;
}
