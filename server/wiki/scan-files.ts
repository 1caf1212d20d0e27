/** Lists the page files of a content folder with their size and modification time. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isPagePath, type PagePath } from './paths.ts';

/** A file's identity for change detection. */
export interface FileStamp {
  /** Size in bytes. */
  size: number;
  /** Modification time in ms. */
  mtimeMs: number;
}

/** Maps every page path under `dir` to its stamp (hidden and `_` folders skipped). */
export async function scanPageFiles(dir: string): Promise<Map<PagePath, FileStamp>> {
  const out = new Map<PagePath, FileStamp>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.md'));
  await Promise.all(
    files.map(async (e) => {
      const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      if (!isPagePath(rel)) return;
      const s = await stat(path.join(dir, rel));
      out.set(rel, { size: s.size, mtimeMs: s.mtimeMs });
    }),
  );
  return out;
}
