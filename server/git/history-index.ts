/** In-memory index of the repository history: versions, authors and dates of every page. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { createSerial } from '../util/serial.ts';
import { countNewCommitsUpTo } from './commit-walk.ts';
import { buildHistoryRecords, type NewCommitRecord } from './history-build.ts';
import { buildHistoryInWorker } from './history-in-worker.ts';
import { loadHistorySnapshot, saveHistorySnapshot } from './history-cache.ts';
import { countAuthors, listVersions, type PathEntries, selectRecent } from './history-queries.ts';
import { type CommitRecord, newestFirst, type PageAuthor, type PathVersion, type RecentChange, type RecentChangesOptions } from './history-types.ts';
import { createSnapshotFs } from './snapshot-fs.ts';
import { createTreeDiffer, type PathChange, type UnsafeSeen } from './tree-diff.ts';

export type { PageAuthor, PathVersion, RecentChange, RecentChangesOptions } from './history-types.ts';

/** Options of `createHistoryIndex`. */
export interface HistoryIndexOptions {
  /** Working tree of the repository. */
  dir: string;
  /** File where records are kept between runs (e.g. `<dir>/.git/gare-history.json`); none by default. */
  cacheFile?: string | undefined;
  /** Build in a worker thread when nothing is indexed yet (default true); later refreshes stay inline. */
  worker?: boolean;
  /** A first build walking more commits than this uses the worker (default 100: a thread costs a module load). */
  workerAfterCommits?: number;
}

/** Result of `refresh()`: files that differ between the previous and the new head (all files the first time). */
export interface HistoryRefresh {
  /** Changed file paths. */
  changedPaths: string[];
  /** Commit now indexed; undefined for a repository without commits. */
  head: string | undefined;
  /** Commit `changedPaths` are counted from; undefined when they are every file of `head`. */
  from: string | undefined;
}

/** Walking this many commits in one refresh is worth saving the cache file. */
const saveAfterCommits = 200;
/** During a long build the cache file is written at most this often: a crash loses at most this much work. */
const saveEveryMs = 3000;

/** Creates the history index of the repository in `dir`; call `refresh()` before querying. */
export function createHistoryIndex(options: HistoryIndexOptions) {
  const { dir, cacheFile, worker = true, workerAfterCommits = 100 } = options;
  let cache = {};
  let commits = new Map<string, CommitRecord>();
  let byPath: PathEntries = new Map();
  let sorted: CommitRecord[] = [];
  let lastHead: string | undefined;
  // Paths of the head tree whose name git would refuse: skipped by the history, shown to the team.
  const unsafeInHead = new Set<string>();
  const serial = createSerial();

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
  }

  function reset(): void {
    cache = {};
    commits = new Map();
    byPath = new Map();
    lastHead = undefined;
  }

  async function refreshNow(): Promise<HistoryRefresh> {
    const previousTree = lastHead ? commits.get(lastHead)?.tree : undefined;
    const from = previousTree === undefined ? undefined : lastHead;
    if (commits.size === 0 && cacheFile) {
      const saved = await loadHistorySnapshot(cacheFile);
      if (saved) {
        for (const record of saved.records) add(record);
        lastHead = saved.head;
      }
    }
    // Listings are frozen per refresh: objects reachable from `head` already exist on disk.
    const snapshot = createSnapshotFs();
    const head = await git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
    const startHead = lastHead;
    if (lastHead && head && head !== lastHead) {
      const known = lastHead;
      const descends = await git.isDescendent({ fs: snapshot, dir, oid: head, ancestor: known, depth: -1, cache }).catch(() => false);
      if (!descends) reset();
    }
    if (!head) reset();
    const differ = createTreeDiffer({ dir, cache, fs: snapshot });
    const walked = head && head !== lastHead ? await walkFrom(head, snapshot) : 0;
    if (head !== startHead || sorted.length !== commits.size) sorted = [...commits.values()].sort(newestFirst);
    lastHead = head;
    if (cacheFile && head && walked >= saveAfterCommits) await save();
    const headTree = head ? commits.get(head)?.tree : undefined;
    const seen: UnsafeSeen = { before: [], after: [] };
    const changedPaths = await differ.changedPaths(previousTree, headTree, seen);
    if (previousTree === undefined) unsafeInHead.clear();
    for (const path of seen.before) unsafeInHead.delete(path);
    for (const path of seen.after) {
      if (!unsafeInHead.has(path)) console.error(`[historique] chemin refusé dans le dépôt, ignoré : ${JSON.stringify(path)} (voir « Pages à corriger »).`);
      unsafeInHead.add(path);
    }
    return { changedPaths, head, from };
  }

  // Records come parents first: after each batch the records form a complete history up to the
  // last one, so that commit can stand as the cache file's head while the build goes on.
  async function walkFrom(head: string, snapshot: ReturnType<typeof createSnapshotFs>): Promise<number> {
    let savedAt = Date.now();
    const before = commits.size;
    const onBatch = async (batch: NewCommitRecord[]): Promise<void> => {
      let seq = commits.size;
      for (const record of batch) add({ ...record, seq: seq++ });
      if (!cacheFile || Date.now() - savedAt < saveEveryMs) return;
      lastHead = (batch.at(-1) as NewCommitRecord).oid;
      await save();
      savedAt = Date.now();
    };
    const knownTrees = () => new Map([...commits.values()].map((r) => [r.oid, r.tree]));
    // A worker costs a thread and a module load: worth it only for a long first build.
    if (worker && commits.size === 0 && (await countNewCommitsUpTo({ dir, head, known: () => false, cache, fs: snapshot, max: workerAfterCommits })) > workerAfterCommits) {
      try {
        await buildHistoryInWorker({ dir, head, knownTrees: [], onBatch });
        return commits.size - before;
      } catch (error) {
        // No worker (a platform without threads, a crash): the batches already added stay; the rest is built here.
        console.error('[historique] fil de travail indisponible, construction sur le fil principal :', error);
      }
    }
    await buildHistoryRecords({ dir, head, knownTrees: knownTrees(), onBatch, cache, fs: snapshot });
    return commits.size - before;
  }

  async function save(): Promise<void> {
    if (!cacheFile || !lastHead) return;
    const records = [...commits.values()].sort((a, b) => a.seq - b.seq);
    await saveHistorySnapshot(cacheFile, { head: lastHead, records });
  }

  const historyOf = (path: string): PathVersion[] => listVersions(byPath, path);

  return {
    /** Reads commits new since the last refresh (all of them the first time, or after a rewrite). */
    refresh(): Promise<HistoryRefresh> {
      return serial.run(refreshNow);
    },
    /** Writes the cache file now (call on shutdown); refresh already saves after long walks. */
    save(): Promise<void> {
      return serial.run(save);
    },
    /** Commit the index was last refreshed at. */
    head: (): string | undefined => lastHead,
    /** Versions of a file, newest first, following renames. */
    historyOf,
    /** People who wrote a file (authors and co-authors), most commits first. */
    authorsOf: (path: string): PageAuthor[] => countAuthors(historyOf(path).map((v) => commits.get(v.oid) as CommitRecord)),
    /** Date of the first version of a file (before renames), ISO 8601. */
    createdAt: (path: string): string | undefined => historyOf(path).at(-1)?.date,
    /** Date of the latest version of a file, ISO 8601. */
    updatedAt: (path: string): string | undefined => historyOf(path)[0]?.date,
    /** Paths of the head commit whose name is unsafe (`a\\..\\b.md`): skipped everywhere, listed for the team. */
    unsafePaths: (): string[] => [...unsafeInHead].sort(),
    /** Latest commits, newest first, with the files each one changed. */
    recentChanges: (options: RecentChangesOptions): RecentChange[] => selectRecent(sorted, options),
  };
}

/** The history index of one repository. */
export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
