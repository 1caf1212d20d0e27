/** Reads the commits reachable from a head and not yet known, parents before children. */
import git from 'isomorphic-git';
import type { CommitObject, FsClient } from 'isomorphic-git';

/** A commit read from the repository. */
export interface WalkedCommit {
  /** Commit id. */
  oid: string;
  /** Parsed commit. */
  commit: CommitObject;
}

/** Options of `walkNewCommits`. */
export interface WalkNewCommitsOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Commit to start from. */
  head: string;
  /** Commits already indexed: the walk stops there. */
  known: (oid: string) => boolean;
  /** isomorphic-git object cache. */
  cache: object;
  /** File system client. */
  fs: FsClient;
}

/** Options of `countNewCommitsUpTo`. */
export interface CountNewCommitsOptions extends WalkNewCommitsOptions {
  /** Stop counting past this many. */
  max: number;
}

/** How many new commits `head` brings, counting no further than `max` + 1 (cheap: commits only, no trees). */
export async function countNewCommitsUpTo(options: CountNewCommitsOptions): Promise<number> {
  const { dir, head, known, cache, fs, max } = options;
  const seen = new Set<string>();
  const stack = [head];
  while (stack.length > 0 && seen.size <= max) {
    const oid = stack.pop() as string;
    if (seen.has(oid) || known(oid)) continue;
    seen.add(oid);
    const { commit } = await git.readCommit({ fs, dir, oid, cache });
    stack.push(...commit.parent);
  }
  return seen.size;
}

/**
 * Depth-first post-order walk with an explicit stack (a linear history of 10,000 commits would
 * overflow a recursive one). Every commit comes after all of its new parents.
 */
export async function walkNewCommits(options: WalkNewCommitsOptions): Promise<WalkedCommit[]> {
  const { dir, head, known, cache, fs } = options;
  const out: WalkedCommit[] = [];
  const visited = new Set<string>();
  const stack: Array<{ oid: string; commit?: CommitObject }> = [{ oid: head }];
  while (stack.length > 0) {
    const top = stack.pop() as { oid: string; commit?: CommitObject };
    if (top.commit) {
      out.push({ oid: top.oid, commit: top.commit });
      continue;
    }
    if (visited.has(top.oid) || known(top.oid)) continue;
    visited.add(top.oid);
    const { commit } = await git.readCommit({ fs, dir, oid: top.oid, cache });
    stack.push({ oid: top.oid, commit });
    // Reverse so the first parent is explored first, like `git log --topo-order`.
    for (const parent of [...commit.parent].reverse()) {
      if (!visited.has(parent) && !known(parent)) stack.push({ oid: parent });
    }
  }
  return out;
}
