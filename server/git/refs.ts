/** Refs other than the branch (proposal branches): list, resolve, and compare-and-set under the repository lock. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { acquireRepoLock } from './repo-lock.ts';

/** Names of the refs under a folder (`refs/heads/propositions`), without the folder; none if it is absent. */
export async function listRefNames({ dir, folder }: { dir: string; folder: string }): Promise<string[]> {
  return git.listRefs({ fs, dir, filepath: folder }).catch(() => [] as string[]);
}

/** Commit a ref points at, or undefined when it does not exist. */
export async function resolveRefOid({ dir, ref }: { dir: string; ref: string }): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref }).catch(() => undefined);
}

/** Options of `moveRef`. */
export interface MoveRefOptions {
  /** Repository. */
  dir: string;
  /** Full ref name. */
  ref: string;
  /** Where the ref must still point (undefined: must not exist). */
  expected: string | undefined;
  /** New value; undefined deletes the ref. */
  value: string | undefined;
}

/**
 * Compare-and-set of a ref under the repository lock: false (and nothing changed) when someone
 * moved it meanwhile, so two edits of one proposal never drop each other's commit.
 */
export async function moveRef({ dir, ref, expected, value }: MoveRefOptions): Promise<boolean> {
  const release = await acquireRepoLock({ dir });
  try {
    const current = await resolveRefOid({ dir, ref });
    if (current !== expected) return false;
    if (value === undefined) await git.deleteRef({ fs, dir, ref });
    else await git.writeRef({ fs, dir, ref, value, force: true });
    return true;
  } finally {
    await release();
  }
}
