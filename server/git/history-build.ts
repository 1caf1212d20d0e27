/**
 * Turns the commits not yet indexed into history records (what each commit changed, who wrote
 * it, which audiences it touched). The same function runs inline and in the history worker.
 */
import nodeFs from 'node:fs';
import type { FsClient } from 'isomorphic-git';
import { walkNewCommits } from './commit-walk.ts';
import { gitTimeToIso, parseCoAuthors } from './git-time.ts';
import git from 'isomorphic-git';
import { touchedVisibilities } from './history-access.ts';
import { createPageAccessMemo } from './history-page-access.ts';
import { keepMergeDecisions, pairRenames } from './history-renames.ts';
import type { CommitRecord } from './history-types.ts';
import { createTreeDiffer, type PathChange, type TreeDiffer } from './tree-diff.ts';

/** A record before the index numbers it (`seq` is the index's insertion order). */
export type NewCommitRecord = Omit<CommitRecord, 'seq'>;

/** Commits already indexed and their root tree (a `Map` will do; the index passes a view of its records). */
export interface KnownTrees {
  /** True for an indexed commit. */
  has(oid: string): boolean;
  /** Root tree of an indexed commit. */
  get(oid: string): string | undefined;
  /** Every indexed commit. */
  keys(): Iterable<string>;
}

/** Options of `buildHistoryRecords`. */
export interface BuildHistoryRecordsOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Commit to walk from. */
  head: string;
  /** Root tree of every commit already indexed, by commit id: the walk stops there. */
  knownTrees: KnownTrees;
  /** Receives records in batches, parents before children; awaited (a batch may be saved). */
  onBatch: (records: NewCommitRecord[]) => void | Promise<void>;
  /** Records per batch. */
  batchSize?: number;
  /** isomorphic-git object cache, shared by every read of the build. */
  cache?: object;
  /** File system client (a snapshot one during bulk reads). */
  fs?: FsClient;
}

/** Walks the commits reachable from `head` and not known, and hands their records out in batches; returns how many. */
export async function buildHistoryRecords(options: BuildHistoryRecordsOptions): Promise<number> {
  const { dir, head, knownTrees, onBatch, batchSize = 500, cache = {}, fs = nodeFs } = options;
  const trees = new Map<string, string>();
  const treeOf = (oid: string): string | undefined => trees.get(oid) ?? knownTrees.get(oid);
  const differ = createTreeDiffer({ dir, cache, fs });
  const memo = createPageAccessMemo();
  const readText = async (oid: string): Promise<string> => new TextDecoder().decode((await git.readBlob({ fs, dir, oid, cache })).blob);
  const walked = await walkNewCommits({ dir, head, known: (o) => knownTrees.has(o), cache, fs });
  let batch: NewCommitRecord[] = [];
  for (const { oid, commit } of walked) {
    const { name, email, timestamp } = commit.author;
    const changes = await changesOf({ differ, treeOf, readText }, commit.tree, commit.parent);
    trees.set(oid, commit.tree);
    batch.push({
      oid,
      tree: commit.tree,
      timestamp,
      version: { oid, author: name, email, date: gitTimeToIso(timestamp), message: commit.message.split('\n', 1)[0] ?? '' },
      coAuthors: parseCoAuthors(commit.message),
      changes,
      touched: await touchedVisibilities({ dir, fs, cache, oid, parent: commit.parent[0], changes, memo }),
    });
    if (batch.length >= batchSize) {
      await onBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await onBatch(batch);
  return walked.length;
}

interface ChangeReaders {
  differ: TreeDiffer;
  treeOf: (oid: string) => string | undefined;
  readText: (oid: string) => Promise<string>;
}

// Against the first parent; a merge keeps only what differs from every parent (the rest belongs to branch commits).
async function changesOf({ differ, treeOf, readText }: ChangeReaders, tree: string, parents: string[]): Promise<PathChange[]> {
  const raw = await differ.rawChanges(parents[0] ? treeOf(parents[0]) : undefined, tree);
  const changes = await pairRenames({ raw, readText });
  if (parents.length < 2) return changes;
  const others = await Promise.all(parents.slice(1).map(async (other) => new Set(await differ.changedPaths(treeOf(other), tree))));
  return keepMergeDecisions(changes, others);
}
