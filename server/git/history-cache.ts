/**
 * Saves the history index's records to a file so a restart reads only new commits. The records
 * are derived from immutable commits: a stale file is still right up to its head.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CommitRecord } from './history-types.ts';

// 2: records carry `touched`; 3: `touched` holds groups too. Older files are rebuilt once.
const format = 3;

/** Contents of the cache file. */
export interface HistorySnapshot {
  /** Commit the records were complete for. */
  head: string;
  /** Every record reachable from `head`, in `seq` order. */
  records: CommitRecord[];
}

/** Reads the cache file; undefined when missing, unreadable or from another format. */
export async function loadHistorySnapshot(file: string): Promise<HistorySnapshot | undefined> {
  try {
    const data = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Partial<HistorySnapshot> & { format?: number };
    if (data.format !== format || typeof data.head !== 'string' || !Array.isArray(data.records)) return undefined;
    return { head: data.head, records: data.records };
  } catch {
    return undefined;
  }
}

/** Writes the cache file atomically (temp file, then rename). */
export async function saveHistorySnapshot(file: string, snapshot: HistorySnapshot): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.promises.writeFile(temp, JSON.stringify({ format, ...snapshot }));
  await fs.promises.rename(temp, file);
}
