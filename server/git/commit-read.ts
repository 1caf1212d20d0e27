/** Reading commit objects: one commit, or the first-parent log from a commit. */
import fs from 'node:fs';
import git, { type ReadCommitResult } from 'isomorphic-git';

/** A commit with its id (isomorphic-git's shape: `{ oid, commit: { message, author, parent, tree } }`). */
export type CommitEntry = ReadCommitResult;

/** Reads one commit object. */
export async function readCommitEntry({ dir, oid }: { dir: string; oid: string }): Promise<CommitEntry> {
  return git.readCommit({ fs, dir, oid });
}

/** Commits reachable from `ref`, newest first, at most `depth` of them. */
export async function logCommits({ dir, ref, depth }: { dir: string; ref: string; depth: number }): Promise<CommitEntry[]> {
  return git.log({ fs, dir, ref, depth });
}
