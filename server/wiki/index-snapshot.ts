/**
 * The parsed pages of the index, saved in the data folder (`index-snapshot.ndjson`) with the
 * commit they were read at, so a restart takes each page whose file stamp (size, time) is unchanged
 * as it was instead of reading and parsing it again: a commit made while the hub was stopped
 * rewrites its files (new stamps), and so does an edit outside any commit, so both are read again.
 * One JSON line per page: at 100,000 pages a single JSON document would pass V8's string limit.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { z } from 'zod';
import type { Page } from './page.ts';
import type { PagePath } from './paths.ts';
import type { FileStamp } from './scan-files.ts';
import type { RawLink } from './links.ts';

/** Bump when `Page`, the parser or the link extractor change what they produce: older snapshots are then ignored. */
export const indexSnapshotFormat = 2;

/** First line of the file. */
export const IndexSnapshotHeaderSchema = z.object({
  /** Format of the file (`indexSnapshotFormat`). */
  format: z.number(),
  /** HEAD commit when it was written (for the log: stamps decide what is taken again). */
  head: z.string().optional(),
  /** Text of the repository settings the pages were parsed with (visibility, licence, access). */
  settingsText: z.string(),
});

/** One page line: path, file stamp, the page without its body, the body's length (a suffix of `source`) or the body, the links as extracted. */
const PageLineSchema = z.tuple([
  z.string(),
  z.object({ size: z.number(), mtimeMs: z.number() }),
  z.custom<Omit<Page, 'body'>>((v) => typeof v === 'object' && v !== null && 'meta' in v && typeof (v as { source?: unknown }).source === 'string'),
  z.union([z.number().int().nonnegative(), z.string()]),
  z.array(z.object({ kind: z.enum(['wiki', 'relative', 'external']), target: z.string() })),
]);

/** A page of the snapshot with the stamp its file had and its extracted links. */
export interface SnapshotPage {
  /** Size and time of the file when it was read. */
  stamp: FileStamp;
  /** The parsed page. */
  page: Page;
  /** Links as extracted from its body. */
  raw: RawLink[];
}

/** Pages of a snapshot by path. */
export type IndexSnapshot = ReadonlyMap<PagePath, SnapshotPage>;

/** Why a snapshot was not taken (`missing`: no file, nothing to say in the log). */
export type SnapshotRefusal = 'missing' | 'format' | 'settings' | 'corrupt';

/** Options of `saveIndexSnapshot`. */
export interface SaveIndexSnapshotOptions {
  /** File to write (replaced atomically). */
  file: string;
  /** HEAD commit the pages were read at. */
  head: string | undefined;
  /** Settings text the pages were parsed with. */
  settingsText: string;
  /** Pages with their file stamp and extracted links. */
  pages: Iterable<[PagePath, FileStamp, Page, readonly RawLink[]]>;
}

/** Writes the snapshot to a temporary file, then renames it: a reader never sees half of it. */
export async function saveIndexSnapshot(options: SaveIndexSnapshotOptions): Promise<void> {
  await mkdir(dirname(options.file), { recursive: true });
  const temp = `${options.file}.tmp-${process.pid}`;
  const out = createWriteStream(temp);
  try {
    const write = async (line: unknown): Promise<void> => {
      // Waiting for the stream to drain keeps memory flat and lets requests in between pages.
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    };
    await write({ format: indexSnapshotFormat, head: options.head, settingsText: options.settingsText });
    for (const [path, stamp, page, raw] of options.pages) {
      const { body, ...rest } = page;
      await write([path, { size: stamp.size, mtimeMs: stamp.mtimeMs }, rest, page.source.endsWith(body) ? body.length : body, raw]);
    }
    out.end();
    await once(out, 'finish');
    await rename(temp, options.file);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw new Error(`Cannot write the index snapshot ${options.file}`, { cause: error });
  }
}

/** The snapshot when its format and settings are those given, or why it is not taken; never throws. */
export async function loadIndexSnapshot(options: { file: string; settingsText: string }): Promise<IndexSnapshot | SnapshotRefusal> {
  const pages = new Map<PagePath, SnapshotPage>();
  let header: z.infer<typeof IndexSnapshotHeaderSchema> | undefined;
  let handle: FileHandle | undefined;
  try {
    handle = await open(options.file, 'r');
    for await (const line of handle.readLines({ encoding: 'utf8' })) {
      if (header === undefined) {
        header = IndexSnapshotHeaderSchema.parse(JSON.parse(line));
        if (header.format !== indexSnapshotFormat) return 'format';
        if (header.settingsText !== options.settingsText) return 'settings';
        continue;
      }
      const [path, stamp, rest, body, raw] = PageLineSchema.parse(JSON.parse(line));
      // The body shares the source's memory (a V8 slice) as it does when parsed.
      const page = { ...rest, body: typeof body === 'number' ? rest.source.slice(rest.source.length - body) : body };
      pages.set(path as PagePath, { stamp, page, raw });
    }
    return header === undefined ? 'corrupt' : pages;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'corrupt';
  } finally {
    await handle?.close();
  }
}

/** The page of the snapshot when its file has the same stamp now; undefined: read and parse the file. */
export function reusablePage(snapshot: IndexSnapshot | undefined, path: PagePath, stamp: FileStamp): SnapshotPage | undefined {
  const kept = snapshot?.get(path);
  return kept && kept.stamp.size === stamp.size && kept.stamp.mtimeMs === stamp.mtimeMs ? kept : undefined;
}
