/**
 * Read HEAD, decide, write on exactly that HEAD: the discipline of every change to the branch.
 * The caller holds the one edit lock; a commit from elsewhere (the git CLI) in between makes the
 * write fail with HeadChanged and the decision is taken again on the new HEAD.
 */
import { HeadChanged, type CommitFilesOptions, type CommitQueue, type FastForwardOptions } from './commit-queue.ts';
import { readHead } from './head.ts';

/** What a decision step returns: the write to make on the HEAD it read (or none) and the operation's value. */
export interface EditDecision<T> {
  /** Commit to make on the HEAD the step read (a merge when it has `mergeParents`); undefined: nothing to commit. */
  commit?: Omit<CommitFilesOptions, 'expectedHead'> | undefined;
  /** Or: move the branch forward to a descendant (a pull). */
  fastForward?: Omit<FastForwardOptions, 'expectedHead'> | undefined;
  /** Value handed back to the caller. */
  value: T;
}

/** Reads what it needs at `head` and decides; may throw to refuse. */
export type DecideAtHead<T> = (head: string | undefined) => Promise<EditDecision<T>>;

/** Result of a decide-and-commit. */
export interface CommitAtHeadResult<T> {
  /** The decision's value. */
  value: T;
  /** New commit id, or the unchanged HEAD. */
  oid: string | undefined;
  /** True when the branch moved. */
  changed: boolean;
}

/** Options of `decideAndCommit`. */
export interface DecideAndCommitOptions<T> {
  /** Working tree of the repository. */
  dir: string;
  /** The commit queue. */
  commits: CommitQueue;
  /** The decision step. */
  decide: DecideAtHead<T>;
}

// A git CLI commit landing between read and write more than this many times in a row is a runaway.
const maxAttempts = 8;

/** Decides on the current HEAD and writes on exactly that HEAD, deciding again when HEAD moved meanwhile. */
export async function decideAndCommit<T>({ dir, commits, decide }: DecideAndCommitOptions<T>): Promise<CommitAtHeadResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(dir);
    const decision = await decide(head);
    try {
      if (decision.fastForward) {
        const done = await commits.fastForward({ ...decision.fastForward, expectedHead: head });
        return { value: decision.value, oid: done.oid, changed: done.oid !== head };
      }
      if (!decision.commit) return { value: decision.value, oid: head, changed: false };
      const done = await commits.commitFiles({ ...decision.commit, expectedHead: head });
      return { value: decision.value, oid: done.oid, changed: done.changed };
    } catch (error) {
      if (!(error instanceof HeadChanged) || attempt >= maxAttempts) throw error;
    }
  }
}
