/**
 * What `refresh()` answers: the files that changed between the commit it last answered for and
 * HEAD, found by a tree diff, so that an answer never waits for the history's records (a first
 * build may take seconds). Also keeps the unsafe names met in the head tree.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { createSnapshotFs } from './snapshot-fs.ts';
import { createTreeDiffer, type UnsafeSeen } from './tree-diff.ts';

/** Result of `refresh()`: files that differ between the previous and the new head (all files the first time). */
export interface HistoryRefresh {
  /** Changed file paths. */
  changedPaths: string[];
  /** Commit now indexed; undefined for a repository without commits. */
  head: string | undefined;
  /** Commit `changedPaths` are counted from; undefined when they are every file of `head`. */
  from: string | undefined;
}

/** Options of `createHistoryAnswers`. */
export interface HistoryAnswersOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Root tree of a commit when the records know it (saves a read). */
  knownTree: (oid: string) => string | undefined;
  /** The index's isomorphic-git object cache (it changes when the history is rewritten). */
  cache: () => object;
}

/** Creates the answering side of a history index; call `answer()` one at a time. */
export function createHistoryAnswers({ dir, knownTree, cache }: HistoryAnswersOptions) {
  let reported: { head: string | undefined; tree: string | undefined } | undefined;
  // Paths of the head tree whose name git would refuse: skipped by the history, shown to the team.
  const unsafeInHead = new Set<string>();
  return {
    /** Reads HEAD and the files changed since the last answer. */
    async answer(): Promise<HistoryRefresh> {
      const snapshot = createSnapshotFs();
      const head = await git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
      const headTree = head === undefined ? undefined : (knownTree(head) ?? (await git.readCommit({ fs: snapshot, dir, oid: head, cache: cache() })).commit.tree);
      const seen: UnsafeSeen = { before: [], after: [] };
      const changedPaths = await createTreeDiffer({ dir, cache: cache(), fs: snapshot }).changedPaths(reported?.tree, headTree, seen);
      if (reported?.tree === undefined) unsafeInHead.clear();
      for (const path of seen.before) unsafeInHead.delete(path);
      for (const path of seen.after) {
        if (!unsafeInHead.has(path)) console.error(`[historique] chemin refusé dans le dépôt, ignoré : ${JSON.stringify(path)} (voir « Pages à corriger »).`);
        unsafeInHead.add(path);
      }
      const from = reported?.tree === undefined ? undefined : reported.head;
      reported = { head, tree: headTree };
      return { changedPaths, head, from };
    },
    /** Paths of the head commit whose name is unsafe, sorted. */
    unsafePaths: (): string[] => [...unsafeInHead].sort(),
  };
}
