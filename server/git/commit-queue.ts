/** The one door through which the hub commits: atomic file writes, one commit at a time. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { GareError } from '../errors.ts';
import { type GitPerson, toGitTime, withCoAuthors } from './git-time.ts';
import { createSerial } from '../util/serial.ts';
import { acquireRepoLock } from './repo-lock.ts';
import { editTree, type TreeChange } from './tree-edit.ts';
import { assertNoUncommittedEdits } from './uncommitted-guard.ts';
import { checkPath, removeEmptyParents, writeAtomic } from './working-files.ts';
import { contentPath } from './content-files.ts';
import { withReadableIndex } from './index-repair.ts';

/** The branch moved since the caller read it (`expectedHead` did not match). */
export class HeadChanged extends GareError {
  override readonly code = 'HeadChanged';
  override readonly status = 409;
}

/** One file to write (text or bytes) or to delete, by repository-relative posix path. */
export type FileChange = { path: string; content: string | Uint8Array } | { path: string; delete: true };

/** Options of `commitFiles`. */
export interface CommitFilesOptions {
  /** Files written or deleted by this commit. */
  changes: readonly FileChange[];
  /** The person who made the change (commit author and committer). */
  author: GitPerson;
  /** Commit message; its first line is what history lists show. */
  message: string;
  /** Other people credited through `Co-authored-by:` trailers. */
  coAuthors?: readonly GitPerson[] | undefined;
  /** Refuse with `HeadChanged` unless the branch still points here. */
  expectedHead?: string | undefined;
  /** Other parents after HEAD: makes a merge commit (the changes are the merge result). */
  mergeParents?: readonly string[] | undefined;
}

/** Options of `fastForward`. */
export interface FastForwardOptions {
  /** Commit the branch moves to (a descendant of HEAD). */
  target: string;
  /** Files that differ between HEAD and `target`, with `target`'s content. */
  changes: readonly FileChange[];
  /** Refuse with `HeadChanged` unless the branch still points here. */
  expectedHead: string | undefined;
}

/** Options of `createCommitQueue`. */
export interface CommitQueueOptions {
  /** Working tree of the content repository. */
  dir: string;
  /** Clock of commit dates. */
  now: () => Date;
}

/** A commit queue bound to one repository. */
export interface CommitQueue {
  /** Writes the files and commits them; resolves once the branch points at the new commit. */
  commitFiles(options: CommitFilesOptions): Promise<{ oid: string; changed: boolean }>;
  /** Moves the branch to a descendant commit, updating working files and index (a pull). */
  fastForward(options: FastForwardOptions): Promise<{ oid: string }>;
}

/** Creates the queue that serialises every commit of the hub into `dir`. */
export function createCommitQueue(options: CommitQueueOptions): CommitQueue {
  const { dir, now } = options;
  const cache = {};
  const serial = createSerial();

  async function currentHead(expected: string | undefined, checkExpected: boolean) {
    const ref = (await git.currentBranch({ fs, dir, fullname: true })) ?? 'refs/heads/main';
    const head = await git.resolveRef({ fs, dir, ref }).catch(() => undefined);
    if (checkExpected && expected !== head) {
      throw new HeadChanged(
        'Le wiki a changé pendant votre modification. Rechargez la page pour repartir de la dernière version.',
      );
    }
    return { ref, head };
  }

  // Working file and index first: a crash before the ref moves leaves the edit visible, not lost.
  async function writeWorkingFiles(changes: readonly FileChange[]): Promise<TreeChange[]> {
    const treeChanges: TreeChange[] = [];
    // Every path checked before the first write: never through a symbolic folder (removing a link
    // itself unlinks it and follows nothing). A refused change leaves the working tree untouched.
    const files = await Promise.all(changes.map((c) => contentPath(dir, c.path, 'delete' in c)));
    for (const [i, change] of changes.entries()) {
      const file = files[i] as string;
      if ('delete' in change) {
        await fs.promises.rm(file, { force: true });
        await removeEmptyParents(dir, file);
        await withReadableIndex(dir, () => git.updateIndex({ fs, dir, filepath: change.path, remove: true, force: true, cache }));
        treeChanges.push({ path: change.path, delete: true });
      } else {
        await writeAtomic(file, change.content);
        const oid = await withReadableIndex(dir, () => git.updateIndex({ fs, dir, filepath: change.path, add: true, cache }));
        if (typeof oid !== 'string') throw new Error(`updateIndex returned no blob id for ${change.path}`);
        treeChanges.push({ path: change.path, oid });
      }
    }
    return treeChanges;
  }

  async function commitNow(request: CommitFilesOptions, attempt = 1): Promise<{ oid: string; changed: boolean }> {
    const { ref, head } = await currentHead(request.expectedHead, request.expectedHead !== undefined);
    const merging = (request.mergeParents ?? []).length > 0;
    // Incoming changes never overwrite hand edits left uncommitted on the server.
    if (merging) await assertNoUncommittedEdits({ dir, head, paths: request.changes.map((c) => c.path), cache });
    const treeChanges = await writeWorkingFiles(request.changes);
    const parentTree = head ? (await git.readCommit({ fs, dir, oid: head, cache })).commit.tree : undefined;
    const tree = await editTree({ dir, tree: parentTree, changes: treeChanges, cache });
    if (head && tree === parentTree && !merging) return { oid: head, changed: false };
    const signature = { name: request.author.name, email: request.author.email, ...toGitTime(now()) };
    const oid = await git.writeCommit({
      fs,
      dir,
      commit: {
        message: withCoAuthors(request.message, request.coAuthors ?? []),
        tree,
        parent: [...(head ? [head] : []), ...(request.mergeParents ?? [])],
        author: signature,
        committer: signature,
      },
    });
    // The git CLI ignores our lock: a terminal commit made while we built ours must not be overwritten.
    if ((await git.resolveRef({ fs, dir, ref }).catch(() => undefined)) !== head) {
      if (request.expectedHead !== undefined || attempt >= 8) throw new HeadChanged('Le wiki a changé pendant votre modification. Rechargez la page pour repartir de la dernière version.');
      return commitNow(request, attempt + 1);
    }
    await git.writeRef({ fs, dir, ref, value: oid, force: true });
    return { oid, changed: true };
  }

  async function fastForwardNow(request: FastForwardOptions): Promise<{ oid: string }> {
    const { ref, head } = await currentHead(request.expectedHead, true);
    await assertNoUncommittedEdits({ dir, head, paths: request.changes.map((c) => c.path), cache });
    await writeWorkingFiles(request.changes);
    await git.writeRef({ fs, dir, ref, value: request.target, force: true });
    return { oid: request.target };
  }

  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const release = await acquireRepoLock({ dir });
      try {
        return await job();
      } finally {
        await release();
      }
    };
    return serial.run(run);
  }

  return {
    async commitFiles(request) {
      for (const change of request.changes) checkPath(change.path);
      return enqueue(() => commitNow(request));
    },
    async fastForward(request) {
      for (const change of request.changes) checkPath(change.path);
      return enqueue(() => fastForwardNow(request));
    },
  };
}
