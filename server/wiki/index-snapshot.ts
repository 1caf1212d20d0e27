/**
 * The parsed pages of the index, saved in the data folder (`index-snapshot.json`) keyed by the
 * commit and the repository settings, so a restart over an unchanged repository takes each page
 * whose file stamp (size, time) is unchanged as it was instead of reading and parsing it again.
 * The index loads it once at start (see `reusablePage`); a changed file is parsed as usual.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Page } from './page.ts';
import type { PagePath } from './paths.ts';
import type { FileStamp } from './scan-files.ts';

/** Bump when `Page` or the parser changes what it produces: older snapshots are then ignored. */
const formatVersion = 1;

/** The file on disk: its key, then each page with the stamp its file had. */
export const IndexSnapshotSchema = z.object({
  /** Format of the file (`formatVersion`). */
  format: z.literal(formatVersion),
  /** `indexSnapshotKey` of the commit and settings the pages were parsed at. */
  key: z.string(),
  /** Path, file stamp and parsed page (trusted: written by this module only). */
  pages: z.array(z.tuple([z.string(), z.object({ size: z.number(), mtimeMs: z.number() }), z.custom<Page>((v) => typeof v === 'object' && v !== null && 'meta' in v && 'body' in v)])),
});

/** Pages of a snapshot by path, with the stamp of their file then. */
export type IndexSnapshot = ReadonlyMap<PagePath, { stamp: FileStamp; page: Page }>;

/** Key of a snapshot: the HEAD commit and the text of the repository settings (visibility, licence, access, aliases). */
export function indexSnapshotKey(options: { head: string | undefined; settingsText: string }): string {
  return createHash('sha256').update(JSON.stringify([formatVersion, options.head ?? '', options.settingsText])).digest('hex');
}

/** Writes the snapshot atomically (a reader never sees half of it). */
export async function saveIndexSnapshot(options: { file: string; key: string; pages: Iterable<[PagePath, FileStamp, Page]> }): Promise<void> {
  await mkdir(dirname(options.file), { recursive: true });
  const temp = `${options.file}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify({ format: formatVersion, key: options.key, pages: [...options.pages] }));
  await rename(temp, options.file);
}

/** The snapshot saved under `key`, or undefined (none, another commit or settings, unreadable). */
export async function loadIndexSnapshot(options: { file: string; key: string }): Promise<IndexSnapshot | undefined> {
  try {
    const parsed = IndexSnapshotSchema.safeParse(JSON.parse(await readFile(options.file, 'utf8')));
    if (!parsed.success || parsed.data.key !== options.key) return undefined;
    return new Map(parsed.data.pages.map(([path, stamp, page]) => [path as PagePath, { stamp, page }]));
  } catch {
    return undefined;
  }
}

/** The page of the snapshot when its file has the same stamp now; undefined: read and parse the file. */
export function reusablePage(snapshot: IndexSnapshot | undefined, path: PagePath, stamp: FileStamp): Page | undefined {
  const kept = snapshot?.get(path);
  return kept && kept.stamp.size === stamp.size && kept.stamp.mtimeMs === stamp.mtimeMs ? kept.page : undefined;
}
