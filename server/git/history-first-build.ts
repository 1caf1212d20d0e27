/**
 * The first build of a history index (nothing indexed yet, or a build resumed from its cache
 * file): in a worker thread, so the server keeps answering, and through the `git` binary when
 * there is one, isomorphic-git otherwise. The benchmark measures this function.
 */
import type { FsClient } from 'isomorphic-git';
import type { KnownTrees, NewCommitRecord } from './history-build.ts';
import { openHistoryWorker, type HistoryWorker } from './history-in-worker.ts';
import { buildHistoryPreferringGit, growingKnownTrees, type HistoryBuildResult } from './history-reader-choice.ts';

/** Options of `buildHistoryFirstTime`. */
export interface BuildHistoryFirstTimeOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Commit to build the history of. */
  head: string;
  /** Commits already indexed, with their root tree (a resumed build); none by default. */
  knownTrees?: KnownTrees;
  /** Receives the records in batches, parents before children, with their cache file lines when the worker made them; awaited. */
  onBatch?: (records: NewCommitRecord[], lines?: string) => void | Promise<void>;
  /** The git program (default `git`, found on PATH); false: isomorphic-git only. */
  git?: string | false;
  /** Build in a worker thread (default true), or in this running one; false: on this thread, e.g. for a short history. */
  worker?: boolean | HistoryWorker;
  /** Told, in French, why git could not be used; logged by default. */
  onFallback?: (reason: string) => void;
  /** File system client for isomorphic-git reads on this thread (the worker makes its own). */
  fs?: FsClient;
  /** isomorphic-git object cache for reads on this thread. */
  cache?: object;
}

/** Builds the history records of `head` the way the hub does on a fresh data folder; resolves with how many and which reader. */
export async function buildHistoryFirstTime(options: BuildHistoryFirstTimeOptions): Promise<HistoryBuildResult> {
  const { dir, head, knownTrees = new Map<string, string>(), onBatch = () => undefined, git = 'git', worker = true } = options;
  const onFallback = options.onFallback ?? ((reason: string) => console.warn(`[historique] git non utilisé (${reason}) : l’historique est lu par isomorphic-git, plus lentement.`));
  const received = growingKnownTrees(knownTrees);
  let commits = 0;
  const take = async (batch: NewCommitRecord[], lines?: string): Promise<void> => {
    for (const record of batch) received.add(record.oid, record.tree);
    commits += batch.length;
    await onBatch(batch, lines);
  };
  if (worker !== false) {
    const thread = worker === true ? openHistoryWorker({ dir, git }) : worker;
    try {
      return await thread.build({ head, knownTrees, onBatch: take, onFallback });
    } catch (error) {
      // No worker (a platform without threads, a crash): the batches already taken stay; the rest is built here.
      console.error('[historique] fil de travail indisponible, construction sur le fil principal :', error);
    } finally {
      if (worker === true) await thread.close();
    }
  }
  const rest = await buildHistoryPreferringGit({ dir, head, knownTrees: received, git, onFallback, onBatch: (batch) => take(batch), ...(options.fs ? { fs: options.fs } : {}), ...(options.cache ? { cache: options.cache } : {}) });
  return { commits, reader: rest.reader };
}
