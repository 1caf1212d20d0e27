/** Writing a commit as git objects only (a proposal's): neither the working tree nor the branch moves. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { toGitTime, type GitPerson } from './git-time.ts';
import { editTree } from './tree-edit.ts';

/** Options of `writeDetachedCommit`. */
export interface WriteDetachedCommitOptions {
  /** Repository. */
  dir: string;
  /** Parent commit. */
  parent: string;
  /** Files to write in the parent's tree (none: same tree, a marker commit). */
  files: readonly { path: string; content: string }[];
  /** Author and committer. */
  author: GitPerson;
  /** Full message. */
  message: string;
  /** Commit date. */
  now: Date;
}

/** Writes blobs, trees and a commit on top of `parent`; returns the commit id (no ref is moved). */
export async function writeDetachedCommit({ dir, parent, files, author, message, now }: WriteDetachedCommitOptions): Promise<string> {
  const cache = {};
  const parentTree = (await git.readCommit({ fs, dir, oid: parent, cache })).commit.tree;
  const changes = [];
  for (const file of files) {
    const oid = await git.writeBlob({ fs, dir, blob: new TextEncoder().encode(file.content) });
    changes.push({ path: file.path, oid });
  }
  const tree = changes.length === 0 ? parentTree : await editTree({ dir, tree: parentTree, changes, cache });
  const signature = { name: author.name, email: author.email, ...toGitTime(now) };
  return git.writeCommit({ fs, dir, commit: { message, tree, parent: [parent], author: signature, committer: signature } });
}
