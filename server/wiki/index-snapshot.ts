/**
 * The parsed pages of the index, saved in the data folder (`index-snapshot.ndjson`) with the
 * commit they were read at, so a restart takes each page whose file stamp (size, time) is unchanged
 * as it was instead of reading and parsing it again: a commit made while the hub was stopped
 * rewrites its files (new stamps), and so does an edit outside any commit, so both are read again.
 * One JSON line per page: at 100,000 pages a single JSON document would pass V8's string limit.
 * A last line counts the pages: a file cut short (a crash while writing, a full disk) is refused.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { z } from 'zod';
import type { Page } from './page.ts';
import type { PagePath } from './paths.ts';
import type { FileStamp, PageScan } from './scan-files.ts';
import type { RawLink } from './links.ts';

/** Bump when `Page`, the parser or the link extractor change what they produce: older snapshots are then ignored. */
export const indexSnapshotFormat = 5;

/** First line of the file. */
export const IndexSnapshotHeaderSchema = z.object({
  /** Format of the file (`indexSnapshotFormat`). */
  format: z.number(),
  /** HEAD commit when it was written (for the log: stamps decide what is taken again). */
  head: z.string().optional(),
  /** Text of the repository settings the pages were parsed with (visibility, licence, access). */
  settingsText: z.string(),
  /** The index's last walk of the folder (`PageScan`): taken as is when HEAD has not moved, so a restart stats no file. */
  scan: z
    .object({
      /** Markdown files: path, size, time. */
      pages: z.array(z.tuple([z.string(), z.number(), z.number()])),
      /** Files refused (links, odd names). */
      skipped: z.array(z.object({ path: z.string(), kind: z.enum(['link', 'odd-name']) })),
      /** Layout markers: name, size, time. */
      markers: z.array(z.tuple([z.string(), z.number(), z.number()])),
      /** Other files (attachments). */
      files: z.array(z.string()),
    })
    .optional(),
});

/** One page line: path, file stamp, the page (no text: it is read back from the file or git), the links as extracted. */
type PageLine = [string, FileStamp, Page, RawLink[]];

/**
 * The shape of a page line, checked by hand: written by this module only (a zod parse of each
 * line doubled the load, about 4 s at 100,000 pages); a line of another shape is a corrupt file.
 */
function isPageLine(value: unknown): value is PageLine {
  if (!Array.isArray(value) || value.length !== 4) return false;
  const [path, stamp, rest, raw] = value as unknown[];
  const s = stamp as Partial<FileStamp> | null;
  const r = rest as { meta?: unknown; blob?: unknown; size?: unknown } | null;
  return (
    typeof path === 'string' &&
    typeof s === 'object' && s !== null && typeof s.size === 'number' && typeof s.mtimeMs === 'number' &&
    typeof r === 'object' && r !== null && typeof r.meta === 'object' && typeof r.blob === 'string' && typeof r.size === 'number' &&
    Array.isArray(raw) && raw.every((l: { kind?: unknown; target?: unknown } | null) => typeof l?.target === 'string' && (l.kind === 'wiki' || l.kind === 'relative' || l.kind === 'external'))
  );
}

/** The last line: how many page lines come before it. */
function isEndLine(value: unknown): value is { end: number } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { end?: unknown }).end === 'number';
}

/** A page of the snapshot with the stamp its file had and its extracted links. */
export interface SnapshotPage {
  /** Size and time of the file when it was read. */
  stamp: FileStamp;
  /** The parsed page. */
  page: Page;
  /** Links as extracted from its body. */
  raw: RawLink[];
}

/** A snapshot as loaded: the commit it was written at, the walk of the folder then, the pages by path. */
export interface IndexSnapshot {
  /** HEAD when written. */
  head: string | undefined;
  /** The walk of the folder when written (absent in a snapshot written before any walk). */
  scan: PageScan | undefined;
  /** Pages by path. */
  pages: ReadonlyMap<PagePath, SnapshotPage>;
}

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
  /** The index's last walk of the folder. */
  scan?: PageScan | undefined;
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
    const { scan } = options;
    const stamped = <K extends string>(entries: Iterable<[K, FileStamp]>) => [...entries].map(([k, st]) => [k, st.size, st.mtimeMs]);
    await write({
      format: indexSnapshotFormat,
      head: options.head,
      settingsText: options.settingsText,
      scan: scan && { pages: stamped(scan.pages), skipped: scan.skipped, markers: stamped(scan.markers), files: scan.files },
    });
    let count = 0;
    for (const [path, stamp, page, raw] of options.pages) {
      await write([path, { size: stamp.size, mtimeMs: stamp.mtimeMs }, page, raw]);
      count++;
    }
    await write({ end: count });
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
    let ended = false;
    for await (const line of handle.readLines({ encoding: 'utf8' })) {
      if (ended) return 'corrupt';
      if (header === undefined) {
        header = IndexSnapshotHeaderSchema.parse(JSON.parse(line));
        if (header.format !== indexSnapshotFormat) return 'format';
        if (header.settingsText !== options.settingsText) return 'settings';
        continue;
      }
      const entry: unknown = JSON.parse(line);
      if (isEndLine(entry)) {
        if (entry.end !== pages.size) return 'corrupt';
        ended = true;
        continue;
      }
      if (!isPageLine(entry)) return 'corrupt';
      const [path, stamp, page, raw] = entry;
      pages.set(path as PagePath, { stamp, page, raw });
    }
    if (header === undefined || !ended) return 'corrupt';
    const { scan } = header;
    const stamps = <K extends string>(list: [string, number, number][]) => new Map(list.map(([k, size, mtimeMs]) => [k as K, { size, mtimeMs }]));
    return {
      head: header.head,
      scan: scan && { pages: stamps<PagePath>(scan.pages), skipped: scan.skipped, markers: stamps(scan.markers), files: scan.files },
      pages,
    };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'corrupt';
  } finally {
    await handle?.close();
  }
}

/** The page of the snapshot when its file has the same stamp now; undefined: read and parse the file. */
export function reusablePage(snapshot: IndexSnapshot | undefined, path: PagePath, stamp: FileStamp): SnapshotPage | undefined {
  const kept = snapshot?.pages.get(path);
  return kept && kept.stamp.size === stamp.size && kept.stamp.mtimeMs === stamp.mtimeMs ? kept : undefined;
}
