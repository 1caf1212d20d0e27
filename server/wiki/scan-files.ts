/** Lists the page files of a content folder with their size and modification time. */
import { walkContent, walkContentSync, type ContentWalk } from '../git/content-files.ts';
import type { Limit } from '../util/limit.ts';
import { isPagePath, type PagePath } from './paths.ts';
import { oddNameProblem } from './repository-problems.ts';
import { layoutMarkerOf } from './layouts/markers.ts';

/** A file's identity for change detection. */
export interface FileStamp {
  /** Size in bytes. */
  size: number;
  /** Modification time in ms. */
  mtimeMs: number;
}

/** A file of the working tree the hub refuses to read, with the reason, for « Pages à corriger ». */
export interface SkippedFile {
  /** Repository path. */
  path: string;
  /** Why it is skipped. */
  kind: 'link' | 'odd-name';
}

/** What a scan found: the pages, and the files it skipped. */
export interface PageScan {
  /** Every page path with its stamp. */
  pages: Map<PagePath, FileStamp>;
  /** Symbolic links (never followed) and `.md` files whose name cannot be a page address. */
  skipped: SkippedFile[];
  /** Files that tell another generator's layout (`mkdocs.yml`, `_category_.json`, `.vuepress/`), by marker. */
  markers: Map<string, FileStamp>;
  /** Every other file (not `.md`): images and attachments that pages may embed by name (`![[x.png]]`). */
  files: string[];
}

/** Maps every page path under `dir` to its stamp; links are never followed (hidden and `_` folders skipped); `limit` bounds the stats in flight. */
export async function scanPageFiles(dir: string, limit?: Limit): Promise<PageScan> {
  return pageScanOf(await walkContent(dir, limit));
}

/** `scanPageFiles` with synchronous calls, for a worker thread (`scan-worker.ts`) only. */
export function scanPageFilesSync(dir: string): PageScan {
  return pageScanOf(walkContentSync(dir));
}

/** The pages, skipped files, layout markers and attachments of a walk of the working tree. */
function pageScanOf(walk: ContentWalk): PageScan {
  const pages = new Map<PagePath, FileStamp>();
  const skipped: SkippedFile[] = walk.links.map((path) => ({ path, kind: 'link' }));
  const markers = new Map<string, FileStamp>();
  const files: string[] = [];
  for (const [rel, s] of walk.files) {
    const marker = layoutMarkerOf(rel);
    if (marker !== undefined) markers.set(marker, marker === rel ? { size: s.size, mtimeMs: s.mtimeMs } : { size: 0, mtimeMs: 0 });
    if (!rel.endsWith('.md')) {
      files.push(rel);
      continue;
    }
    if (oddNameProblem(rel)) skipped.push({ path: rel, kind: 'odd-name' });
    else if (isPagePath(rel)) pages.set(rel, { size: s.size, mtimeMs: s.mtimeMs });
  }
  return { pages, skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : 1)), markers, files: files.sort() };
}
