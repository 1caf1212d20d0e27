/**
 * The history records of a first build, read through the `git` binary: the graph and each
 * commit's changes from one `git log`, commit objects and page versions from one `git cat-file`.
 * The records are exactly those of `buildHistoryRecords` (same order, same renames, same
 * accesses). This module stays light: in a fresh worker thread, git reads the log while the
 * modules that make the records (the page parser, isomorphic-git) are still loading.
 */
import nodeFs from 'node:fs';
import type { BuildHistoryRecordsOptions, NewCommitRecord } from './history-build.ts';
import { readGitLog, type LoggedCommit } from './history-git-log.ts';
import { openGitObjects, type GitObject } from './history-git-objects.ts';

/** Options of `buildHistoryRecordsWithGit`. */
export interface BuildHistoryWithGitOptions extends BuildHistoryRecordsOptions {
  /** The git program (default `git`, found on PATH). */
  git?: string;
}

/** Same walk as `walkNewCommits`: depth first, first parent first, every commit after its new parents. */
export function parentsFirst(logged: readonly LoggedCommit[], head: string): LoggedCommit[] {
  const byOid = new Map(logged.map((c) => [c.oid, c]));
  const out: LoggedCommit[] = [];
  const visited = new Set<string>();
  const stack: Array<{ oid: string; ready?: LoggedCommit }> = [{ oid: head }];
  while (stack.length > 0) {
    const top = stack.pop() as { oid: string; ready?: LoggedCommit };
    if (top.ready) {
      out.push(top.ready);
      continue;
    }
    const commit = byOid.get(top.oid);
    if (visited.has(top.oid) || !commit) continue;
    visited.add(top.oid);
    stack.push({ oid: top.oid, ready: commit });
    for (const parent of [...commit.parents].reverse()) if (!visited.has(parent) && byOid.has(parent)) stack.push({ oid: parent });
  }
  return out;
}

/** Builds the records of the commits reachable from `head` and not known, through git; rejects when git fails. */
export async function buildHistoryRecordsWithGit(options: BuildHistoryWithGitOptions): Promise<number> {
  const { dir, head, knownTrees, onBatch, batchSize = 500, cache = {}, fs = nodeFs, git = 'git' } = options;
  const objects = openGitObjects({ git, dir });
  try {
    const makers = import('./history-git-records.ts');
    // Commit objects are asked for as the log names them: cat-file reads them while log goes on.
    const commitObjects = new Map<string, Promise<GitObject | undefined>>();
    const onCommit = (oid: string): void => {
      const object = objects.read(oid);
      object.catch(() => undefined);
      commitObjects.set(oid, object);
    };
    const ordered = parentsFirst(await readGitLog({ git, dir, head, exclude: knownTrees.keys(), onCommit }), head);
    const maker = (await makers).createGitRecordMaker({ dir, objects, ordered, knownTrees, commitObjects, fs, cache });
    const prepareBatch = (start: number) => ordered.slice(start, start + batchSize).map(maker.prepare);
    let next = prepareBatch(0);
    for (let start = 0; start < ordered.length; start += batchSize) {
      // The next batch's objects are asked for before this one is recorded: git never waits for us.
      const current = next;
      next = prepareBatch(start + batchSize);
      const batch: NewCommitRecord[] = [];
      for (const prepared of current) {
        batch.push(await maker.record(prepared));
        commitObjects.delete(prepared.commit.oid);
      }
      await onBatch(batch);
    }
    return ordered.length;
  } finally {
    await objects.close();
  }
}
