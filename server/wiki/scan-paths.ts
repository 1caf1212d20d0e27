/**
 * Brings a previous scan of the content folder up to date for a few known paths (the files a
 * commit changed), instead of a stat of every file: at 10,000 pages the full walk cost 76 ms a
 * commit.
 */
import fs from 'node:fs';
import { contentPath } from '../git/content-files.ts';
import type { Limit } from '../util/limit.ts';
import { layoutMarkerOf } from './layouts/markers.ts';
import { isPagePath } from './paths.ts';
import { oddNameProblem } from './repository-problems.ts';
import type { PageScan } from './scan-files.ts';

/** Options of `patchPageScan`. */
export interface PatchPageScanOptions {
  /** Content folder. */
  dir: string;
  /** The scan to update in place (the index's last one). */
  scan: PageScan;
  /** Repository paths that may have changed (added, modified, deleted). */
  paths: readonly string[];
  /** Bounds the stats in flight. */
  limit: Limit;
}

type Seen = { path: string; stat: fs.Stats | undefined } | 'unsure';

// Links, a path behind a link, or a file turned into a folder: only a full walk classifies them.
async function statPath(dir: string, rel: string): Promise<Seen> {
  try {
    const file = await contentPath(dir, rel, true);
    const stat = await fs.promises.lstat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    return stat && !stat.isFile() ? 'unsure' : { path: rel, stat };
  } catch {
    return 'unsure';
  }
}

/** Index of the first element of sorted `list` not below `item`. */
function lowerBound(list: readonly string[], item: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < item) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: string[], item: string): void {
  const at = lowerBound(list, item);
  if (list[at] !== item) list.splice(at, 0, item);
}

function removeSorted(list: string[], item: string): void {
  const at = lowerBound(list, item);
  if (list[at] === item) list.splice(at, 1);
}

/**
 * Updates `scan` for `paths` the way a full `scanPageFiles` would see them; returns false (scan
 * untouched) when a path needs the full walk: a layout marker, a link, a folder where a file was.
 * `filesMoved`: a file that is not a page was added or removed (embeds by name may resolve anew).
 */
export async function patchPageScan({ dir, scan, paths, limit }: PatchPageScanOptions): Promise<false | { filesMoved: boolean }> {
  if (paths.some((p) => layoutMarkerOf(p) !== undefined)) return false;
  const seen = await Promise.all(paths.map((p) => limit(() => statPath(dir, p))));
  if (seen.includes('unsure')) return false;
  let filesMoved = false;
  for (const entry of seen as Exclude<Seen, 'unsure'>[]) {
    const { path: rel, stat } = entry;
    if (scan.skipped.some((s) => s.path === rel)) scan.skipped = scan.skipped.filter((s) => s.path !== rel);
    if (!rel.endsWith('.md')) {
      const before = scan.files.length;
      if (stat) insertSorted(scan.files, rel);
      else removeSorted(scan.files, rel);
      filesMoved ||= scan.files.length !== before;
      continue;
    }
    if (!stat) scan.pages.delete(rel as never);
    else if (oddNameProblem(rel)) scan.skipped.push({ path: rel, kind: 'odd-name' });
    else if (isPagePath(rel)) scan.pages.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs });
  }
  scan.skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { filesMoved };
}
