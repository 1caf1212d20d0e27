/** In-memory index of the repository history: versions, authors and dates of every page. */
import git from 'isomorphic-git';
import { createSerial } from '../util/serial.ts';
import { countNewCommitsUpTo } from './commit-walk.ts';
import { buildHistoryRecords, type NewCommitRecord } from './history-build.ts';
import { createHistoryCacheWriter, loadHistorySnapshot } from './history-cache.ts';
import { buildHistoryFirstTime } from './history-first-build.ts';
import { countCommitsWithGit, listFilesWithGit, parseListedFiles, type ListedFiles } from './history-git-files.ts';
import { countCommitsArguments, listFilesArguments } from './history-git-run.ts';
import { openHistoryWorker, type HistoryWorker } from './history-in-worker.ts';
import { createHistoryRecords } from './history-records.ts';
import type { PathVersion } from './history-types.ts';
import { createSnapshotFs } from './snapshot-fs.ts';
import { createHistoryAnswers, type HistoryRefresh } from './history-answers.ts';

export type { HistoryRefresh } from './history-answers.ts';
export type { PageAuthor, PathVersion, RecentChange, RecentChangesOptions } from './history-types.ts';

/** Options of `createHistoryIndex`. */
export interface HistoryIndexOptions {
  /** Working tree of the repository. */
  dir: string;
  /** File where records are kept between runs (e.g. `<dir>/.git/gare-history.json`); none by default. */
  cacheFile?: string | undefined;
  /** Build in a worker thread when many commits are new, and run git there (default true); short walks stay inline, through isomorphic-git. */
  worker?: boolean;
  /** A walk of more new commits than this uses the worker (default 100: a thread costs a module load). */
  workerAfterCommits?: number;
  /** A first build of a head with more files than this uses the worker too (default 200: each is read, a one-commit import of 10,000 pages is long). */
  workerAfterFiles?: number;
  /** The git program a first build reads the history with (default `git`, on PATH); false: isomorphic-git only. */
  git?: string | false;
  /** Awaited before a first build reads any commit (tests hold a build with it); refreshes meanwhile do not wait. */
  beforeFirstBuild?: () => Promise<void>;
}

/** Creates the history index of the repository in `dir`; call `refresh()` before querying. */
export function createHistoryIndex(options: HistoryIndexOptions) {
  const { dir, cacheFile, worker = true, workerAfterCommits = 100, workerAfterFiles = 200, git: program = 'git', beforeFirstBuild } = options;
  let cache = {};
  const records = createHistoryRecords();
  // Commit the records are complete up to (answers may be ahead of it during a first build).
  let lastHead: string | undefined;
  let cacheRead = false;
  const writer = cacheFile ? createHistoryCacheWriter(cacheFile) : undefined;
  // Git commands run in the worker thread (a fork stops the thread that makes it); it lives for one walk.
  const threaded = worker && program !== false;
  let thread: HistoryWorker | undefined;
  const openThread = (): HistoryWorker => (thread ??= openHistoryWorker({ dir, git: program }));
  const closeThread = (): void => {
    void thread?.close();
    thread = undefined;
  };
  const listFiles = async (commit: string): Promise<ListedFiles> => (threaded ? parseListedFiles(await openThread().git(listFilesArguments(commit))) : listFilesWithGit({ git: program as string, dir, commit }));
  const answers = createHistoryAnswers({ dir, knownTree: (oid) => records.get(oid)?.tree, cache: () => cache, listFiles: program === false ? undefined : listFiles });
  // Walks run one at a time; answers too, in call order, but never behind a walk.
  const walks = createSerial();
  const answering = createSerial();
  let building: Promise<unknown> | undefined;
  let warned = false;
  const onFallback = (reason: string): void => {
    if (!warned) console.warn(`[historique] git non utilisé (${reason}) : l’historique est lu par isomorphic-git, plus lentement.`);
    warned = true;
  };

  async function catchUp(head: string | undefined, headFiles: number): Promise<void> {
    if (!cacheRead && cacheFile) {
      cacheRead = true;
      const saved = await loadHistorySnapshot(cacheFile);
      if (saved) {
        records.load(saved.records);
        lastHead = saved.head;
        writer?.loaded(saved.records.length, saved.head);
      }
    }
    // Listings are frozen per walk: objects reachable from `head` already exist on disk.
    const snapshot = createSnapshotFs();
    if (lastHead && head && head !== lastHead) {
      const known = lastHead;
      if (!(await git.isDescendent({ fs: snapshot, dir, oid: head, ancestor: known, depth: -1, cache }).catch(() => false))) reset();
    }
    if (!head) reset();
    try {
      if (head && head !== lastHead) await walkFrom(head, snapshot, headFiles);
    } finally {
      // The thread served this refresh (its file list, its count, its build): later walks are short.
      closeThread();
    }
    lastHead = head;
  }

  function reset(): void {
    cache = {};
    records.clear();
    lastHead = undefined;
    writer?.reset();
  }

  // Records come parents first: after each batch the records form a complete history up to the
  // last one, so that commit can stand as the cache file's head while the build goes on.
  async function walkFrom(head: string, snapshot: ReturnType<typeof createSnapshotFs>, headFiles: number): Promise<void> {
    const before = records.size();
    // Each batch goes to the cache file as it comes: a crash loses at most a batch, and the
    // history is never serialized whole on this thread (except after a rewrite of the history).
    const onBatch = async (batch: NewCommitRecord[], lines?: string): Promise<void> => {
      const numbered = records.append(batch);
      await writer?.batch(numbered, lines, records.inOrder, records.size());
    };
    if (before === 0) await beforeFirstBuild?.();
    const knownTrees = records.known();
    // A first build asks git how long the history is (this thread then never loads the pack index for it).
    const count = before === 0 && program !== false ? await countFirst(head).catch(() => undefined) : undefined;
    const many = (before === 0 && headFiles > workerAfterFiles) || (count ?? (await countNewCommitsUpTo({ dir, head, known: (o) => knownTrees.has(o), cache, fs: snapshot, max: workerAfterCommits }))) > workerAfterCommits;
    // A long first build, or a long one resumed from the cache file, runs in the worker (through git when there is one).
    if (many && worker) await buildHistoryFirstTime({ dir, head, knownTrees, onBatch, git: program, worker: openThread(), onFallback, fs: snapshot, cache });
    // Without the worker, a first build still reads through git (forked here).
    else if ((before === 0 || many) && !worker) await buildHistoryFirstTime({ dir, head, knownTrees, onBatch, git: program, worker: false, onFallback, fs: snapshot, cache });
    else await buildHistoryRecords({ dir, head, knownTrees, onBatch, cache, fs: snapshot });
  }

  const countFirst = async (head: string): Promise<number> =>
    threaded ? Number((await openThread().git(countCommitsArguments(head, workerAfterCommits))).trim()) : countCommitsWithGit({ git: program as string, dir, commit: head, max: workerAfterCommits });

  // Batches are already in the file: only a walk that added nothing new to it leaves it behind.
  async function save(): Promise<void> {
    if (lastHead) await writer?.save(lastHead, records.inOrder, records.size());
  }

  function refresh(): Promise<HistoryRefresh> {
    const answered = answering.run(answers.answer);
    // The first answer lists every file of the head: how long a first build is, besides its commits.
    const caughtUp = walks.run(async () => {
      const { head, from, changedPaths } = await answered;
      return catchUp(head, from === undefined ? changedPaths.length : 0);
    });
    if (building) {
      // A first build is under way: answer now (the index and search need only the changed paths); the records follow.
      caughtUp.catch((error: unknown) => console.error('[historique] mise à jour impossible :', error));
      return answered;
    }
    const done = caughtUp.then(() => answered);
    if (records.size() === 0 && lastHead === undefined) {
      const current = (building = done.finally(() => {
        if (building === current) building = undefined;
      }));
      current.catch(() => undefined);
    }
    return done;
  }

  const historyOf = (path: string): PathVersion[] => records.historyOf(path);

  return {
    /** Reads commits new since the last refresh (all of them the first time, or after a rewrite); during a first build, answers without waiting for it. */
    refresh,
    /** Writes the cache file once the walks under way are done (call on shutdown); refresh already saves after long walks. */
    save: (): Promise<void> => walks.run(() => save()),
    /** Commit the index was last refreshed at. */
    head: (): string | undefined => lastHead,
    /** Versions of a file, newest first, following renames. */
    historyOf,
    /** People who wrote a file (authors and co-authors), most commits first. */
    authorsOf: records.authorsOf,
    /** Date of the first version of a file (before renames), ISO 8601. */
    createdAt: (path: string): string | undefined => historyOf(path).at(-1)?.date,
    /** Date of the latest version of a file, ISO 8601. */
    updatedAt: (path: string): string | undefined => historyOf(path)[0]?.date,
    /** Paths of the head commit whose name is unsafe (`a\\..\\b.md`): skipped everywhere, listed for the team. */
    unsafePaths: answers.unsafePaths,
    /** Latest commits, newest first, with the files each one changed. */
    recentChanges: records.recentChanges,
  };
}

/** The history index of one repository. */
export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
