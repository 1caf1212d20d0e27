/**
 * Keeps the history index's records in a file so a restart reads only new commits. The records
 * are derived from immutable commits: a stale file is still right up to its head. The file is
 * JSON lines, appended batch by batch as a build goes (no rewrite of the whole history on the
 * server's thread): a format line, then records in order, each batch followed by a head line
 * naming the commit the records above it are complete for. A batch cut short by a crash is
 * ignored on reading.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CommitRecord } from './history-types.ts';

// 2: records carry `touched`; 3: `touched` holds groups too; 4: JSON lines, appended. Older files are rebuilt once.
const format = 4;
const formatLine = `${JSON.stringify({ format })}\n`;
const headLine = (head: string): string => `${JSON.stringify({ head })}\n`;

/** Contents of the cache file. */
export interface HistorySnapshot {
  /** Commit the records were complete for. */
  head: string;
  /** Every record reachable from `head`, in `seq` order. */
  records: CommitRecord[];
}

/** Records as cache file lines (one JSON per line, `seq` left out: it is the line's rank). */
export function toRecordLines(records: readonly object[]): string {
  let out = '';
  for (const record of records) out += `${JSON.stringify(record, (key, value: unknown) => (key === 'seq' ? undefined : value))}\n`;
  return out;
}

/** Reads the cache file; undefined when missing, unreadable, from another format or without a complete batch. */
export async function loadHistorySnapshot(file: string): Promise<HistorySnapshot | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith(formatLine)) return undefined;
  const records: CommitRecord[] = [];
  let complete: HistorySnapshot | undefined;
  let lines = 0;
  for (let start = formatLine.length, end = text.indexOf('\n', start); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    // Read at start while the hub already answers: a pause every few hundred records lets requests through.
    if (++lines % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    let entry: Partial<CommitRecord> & { head?: unknown };
    try {
      entry = JSON.parse(text.slice(start, end)) as typeof entry;
    } catch {
      break;
    }
    if (typeof entry.head === 'string') complete = { head: entry.head, records: records.slice() };
    else if (typeof entry.oid === 'string') records.push({ ...(entry as CommitRecord), seq: records.length });
    else break;
  }
  return complete;
}

/** Writes the whole cache file atomically (temp file, then rename). */
export async function saveHistorySnapshot(file: string, snapshot: HistorySnapshot): Promise<void> {
  await writeHistoryLines(file, { lines: toRecordLines(snapshot.records), head: snapshot.head });
}

/** Options of `writeHistoryLines` and `appendHistoryLines`. */
export interface HistoryLinesOptions {
  /** Record lines (`toRecordLines`), in order. */
  lines: string;
  /** Commit the records are complete for once these lines are in. */
  head: string;
}

/** Starts the cache file afresh with these records (temp file, then rename). */
export async function writeHistoryLines(file: string, { lines, head }: HistoryLinesOptions): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.promises.writeFile(temp, formatLine + lines + headLine(head));
  await fs.promises.rename(temp, file);
}

/** Adds records after those already in the cache file. */
export async function appendHistoryLines(file: string, { lines, head }: HistoryLinesOptions): Promise<void> {
  await fs.promises.appendFile(file, lines + headLine(head));
}

/**
 * What an index has in its cache file, and how its next records get there: appended after the
 * last batch when the file holds every record before them, the file started afresh otherwise.
 */
export function createHistoryCacheWriter(file: string) {
  // How many records (the first ones in order) the file holds, and the commit they are complete for.
  let persisted: { count: number; head: string } | undefined;
  return {
    /** The file was read back with `count` records, complete for `head`. */
    loaded: (count: number, head: string): void => void (persisted = { count, head }),
    /** The records were forgotten (history rewritten): the next batch starts the file afresh. */
    reset: (): void => void (persisted = undefined),
    /** Writes a batch just added, `all` being every record now held (in order; read only when the file must be rewritten). */
    async batch(batch: readonly CommitRecord[], lines: string | undefined, all: () => CommitRecord[], total: number): Promise<void> {
      const last = batch.at(-1);
      if (!last) return;
      const before = total - batch.length;
      const text = lines ?? toRecordLines(batch);
      if (persisted?.count === before) await appendHistoryLines(file, { lines: text, head: last.oid });
      else if (before === 0) await writeHistoryLines(file, { lines: text, head: last.oid });
      else await saveHistorySnapshot(file, { head: last.oid, records: all() });
      persisted = { count: total, head: last.oid };
    },
    /** Rewrites the file unless it already holds `total` records complete for `head`. */
    async save(head: string, all: () => CommitRecord[], total: number): Promise<void> {
      if (persisted?.head === head && persisted.count === total) return;
      await saveHistorySnapshot(file, { head, records: all() });
      persisted = { count: total, head };
    },
  };
}
