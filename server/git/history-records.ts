/** The history index's records in memory: by commit, by path, and newest first for the feed. */
import type { KnownTrees, NewCommitRecord } from './history-build.ts';
import { countAuthors, listVersions, type PathEntries, selectRecent } from './history-queries.ts';
import { type CommitRecord, newestFirst, type PageAuthor, type PathVersion, type RecentChange, type RecentChangesOptions } from './history-types.ts';
import type { PathChange } from './tree-diff.ts';

/** Creates an empty record store. */
export function createHistoryRecords() {
  let commits = new Map<string, CommitRecord>();
  let byPath: PathEntries = new Map();
  // Sorted again on the first query after records were added (a build adds them batch by batch).
  let sorted: CommitRecord[] | undefined = [];

  function add(record: CommitRecord): void {
    commits.set(record.oid, record);
    const remember = (path: string, change: PathChange): void => {
      const list = byPath.get(path);
      if (list) list.push({ record, change });
      else byPath.set(path, [{ record, change }]);
    };
    for (const change of record.changes) {
      remember(change.path, change);
      if (change.from !== undefined) remember(change.from, change);
    }
    sorted = undefined;
  }

  const historyOf = (path: string): PathVersion[] => listVersions(byPath, path);

  return {
    /** Number of commits indexed. */
    size: (): number => commits.size,
    /** The record of a commit. */
    get: (oid: string): CommitRecord | undefined => commits.get(oid),
    /** Adds records of new commits (parents first), numbered after those already there; returns them numbered. */
    append(batch: readonly NewCommitRecord[]): CommitRecord[] {
      let seq = commits.size;
      // Numbered in place: the records are the index's own (parsed from the worker's lines, or made here for it).
      const numbered = batch.map((record) => Object.assign(record, { seq: seq++ }));
      for (const record of numbered) add(record);
      return numbered;
    },
    /** Adds records read back from the cache file, numbers kept. */
    load(records: readonly CommitRecord[]): void {
      for (const record of records) add(record);
    },
    /** Forgets every record (history rewritten). */
    clear(): void {
      commits = new Map();
      byPath = new Map();
      sorted = [];
    },
    /** Root tree of every commit indexed: a live view, not a copy. */
    known: (): KnownTrees => ({ has: (oid) => commits.has(oid), get: (oid) => commits.get(oid)?.tree, keys: () => commits.keys() }),
    /** Every record in insertion order (what the cache file keeps). */
    inOrder: (): CommitRecord[] => [...commits.values()].sort((a, b) => a.seq - b.seq),
    /** Versions of a file, newest first, following renames. */
    historyOf,
    /** People who wrote a file (authors and co-authors), most commits first. */
    authorsOf: (path: string): PageAuthor[] => countAuthors(historyOf(path).map((v) => commits.get(v.oid) as CommitRecord)),
    /** Latest commits, newest first, with the files each one changed. */
    recentChanges(options: RecentChangesOptions): RecentChange[] {
      sorted ??= [...commits.values()].sort(newestFirst);
      return selectRecent(sorted, options);
    },
  };
}

/** The records of one history index. */
export type HistoryRecords = ReturnType<typeof createHistoryRecords>;
