/**
 * What `refresh()` answers: the files that changed between the commit it last answered for and
 * HEAD, found by a tree diff, so that an answer never waits for the history's records (a first
 * build may take seconds). Also keeps the unsafe names met in the head tree.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { ListedFiles } from './history-git-files.ts';
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
  /** Lists every file of a commit through git (the first answer); none: isomorphic-git's tree walk. */
  listFiles?: ((commit: string) => Promise<ListedFiles>) | undefined;
}

/** Creates the answering side of a history index; call `answer()` one at a time. */
export function createHistoryAnswers({ dir, knownTree, cache, listFiles }: HistoryAnswersOptions) {
  // The commit the last answer counted changes up to (its tree is read when the next answer needs it).
  let reported: { head: string | undefined } | undefined;
  // Paths of the head tree whose name git would refuse: skipped by the history, shown to the team.
  const unsafeInHead = new Set<string>();
  return {
    /** Reads HEAD and the files changed since the last answer. */
    async answer(): Promise<HistoryRefresh> {
      const snapshot = createSnapshotFs();
      const treeOf = async (oid: string | undefined): Promise<string | undefined> =>
        oid === undefined ? undefined : (knownTree(oid) ?? (await git.readCommit({ fs: snapshot, dir, oid, cache: cache() })).commit.tree);
      const head = await git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
      const seen: UnsafeSeen = { before: [], after: [] };
      // The commit answered last may be gone (history rewritten, then collected): every file changed.
      const previousTree = await treeOf(reported?.head).catch(() => undefined);
      let changedPaths: string[] | undefined;
      if (previousTree === undefined && head !== undefined && listFiles) {
        // Every file of the head: git lists them without this thread loading the pack index.
        const listed = await listFiles(head).catch(() => undefined);
        if (listed) [changedPaths, seen.after] = [listed.paths, listed.unsafe];
      }
      changedPaths ??= await createTreeDiffer({ dir, cache: cache(), fs: snapshot }).changedPaths(previousTree, await treeOf(head), seen);
      if (previousTree === undefined) unsafeInHead.clear();
      for (const path of seen.before) unsafeInHead.delete(path);
      for (const path of seen.after) {
        if (!unsafeInHead.has(path)) console.error(`[historique] chemin refusé dans le dépôt, ignoré : ${JSON.stringify(path)} (voir « Pages à corriger »).`);
        unsafeInHead.add(path);
      }
      const from = previousTree === undefined ? undefined : reported?.head;
      reported = { head };
      return { changedPaths, head, from };
    },
    /** Paths of the head commit whose name is unsafe, sorted. */
    unsafePaths: (): string[] => [...unsafeInHead].sort(),
  };
}
