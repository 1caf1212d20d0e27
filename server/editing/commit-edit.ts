/** Read HEAD, decide, commit on that HEAD: the one pattern every web edit follows. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { HeadChanged, type CommitFilesOptions } from '../git/commit-queue.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import type { EditingDeps } from './editing-deps.ts';

/** What a decision step returns: the commit to make (or none) and the operation's value. */
export interface EditDecision<T> {
  /** Commit to make on the HEAD the step read; undefined: nothing to commit. */
  commit: Omit<CommitFilesOptions, 'expectedHead'> | undefined;
  /** Value handed back to the caller. */
  value: T;
}

/** Options of `commitAtHead`. */
export interface CommitAtHeadOptions<T> {
  /** Editing dependencies. */
  deps: EditingDeps;
  /** Reads what it needs at `head` and decides; may throw to refuse. */
  decide: (head: string | undefined) => Promise<EditDecision<T>>;
}

/** Result of `commitAtHead`. */
export interface CommitAtHeadResult<T> {
  /** The decision's value. */
  value: T;
  /** New commit id, or the unchanged HEAD. */
  oid: string | undefined;
  /** True when a commit was made. */
  changed: boolean;
}

const maxAttempts = 8;

/** Current commit of the branch, or undefined in an empty repository. */
export async function readHead(dir: string): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
}

/** Text of `path` at `head` (undefined when absent or when there is no HEAD). */
export async function readAtHead(dir: string, head: string | undefined, path: string): Promise<string | undefined> {
  return head ? readFileAtCommit({ dir, oid: head, path }) : undefined;
}

/**
 * Decides on the current HEAD and commits on exactly that HEAD, then syncs the hub. Edits from
 * this process are serialised by the lock; a commit from elsewhere (pad, git push) in between
 * makes the commit fail with HeadChanged and the decision is taken again on the new HEAD.
 */
export async function commitAtHead<T>({ deps, decide }: CommitAtHeadOptions<T>): Promise<CommitAtHeadResult<T>> {
  const result = await deps.lock.run(async () => {
    for (let attempt = 1; ; attempt++) {
      const head = await readHead(deps.dir);
      const decision = await decide(head);
      if (!decision.commit) return { value: decision.value, oid: head, changed: false };
      try {
        const done = await deps.commits.commitFiles({ ...decision.commit, expectedHead: head });
        return { value: decision.value, oid: done.oid, changed: done.changed };
      } catch (error) {
        if (!(error instanceof HeadChanged) || attempt >= maxAttempts) throw error;
      }
    }
  });
  if (result.changed) await deps.sync();
  return result;
}
