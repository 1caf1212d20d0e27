/**
 * Turns the blob-level changes of one commit into the history's changes, pairing a deleted file
 * with an added one as a rename. Both history readers (isomorphic-git and the `git` binary) call
 * this one function on the same sorted input, so they pair the same files.
 */
import { lineSimilarity } from './similarity.ts';
import type { PathChange, RawChange } from './tree-diff.ts';

// Ratio of shared lines at and above which a delete + add counts as a rename.
const renameSimilarity = 0.6;
// Comparing texts is quadratic: past this many pairs a commit is a reorganisation, not renames.
const maxRenamePairs = 100;

/** Options of `pairRenames`. */
export interface PairRenamesOptions {
  /** Blob-level changes of the commit (any order: they are sorted by path first). */
  raw: readonly RawChange[];
  /** Text of a blob (only read for page files added and deleted in the same commit). */
  readText: (oid: string) => Promise<string>;
}

/** Code-unit order of paths: the order both readers give the changes of a commit in. */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The commit's changes in path order, renames paired (same blob first, then similar page text). */
export async function pairRenames({ raw: unsorted, readText }: PairRenamesOptions): Promise<PathChange[]> {
  // Ties (two identical blobs deleted, two added) go to the first in path order, whatever the reader.
  const raw = [...unsorted].sort(byPath);
  const deleted = raw.filter((c) => c.after === undefined);
  const added = raw.filter((c) => c.before === undefined);
  const renamedFrom = new Map<string, string>();
  const taken = new Set<string>();
  for (const add of added) {
    const same = deleted.find((d) => !taken.has(d.path) && d.before === add.after);
    if (same) {
      renamedFrom.set(add.path, same.path);
      taken.add(same.path);
    }
  }
  const left = added.filter((a) => !renamedFrom.has(a.path) && a.path.endsWith('.md'));
  const right = deleted.filter((d) => !taken.has(d.path) && d.path.endsWith('.md'));
  if (left.length > 0 && right.length > 0 && left.length * right.length <= maxRenamePairs) {
    for (const add of left) {
      const addText = await readText(add.after as string);
      let best: { path: string; score: number } | undefined;
      for (const del of right) {
        if (taken.has(del.path)) continue;
        const score = lineSimilarity(await readText(del.before as string), addText);
        if (score >= renameSimilarity && (!best || score > best.score)) best = { path: del.path, score };
      }
      if (best) {
        renamedFrom.set(add.path, best.path);
        taken.add(best.path);
      }
    }
  }
  const result: PathChange[] = [];
  for (const c of raw) {
    const from = renamedFrom.get(c.path);
    if (from !== undefined) result.push({ path: c.path, change: 'renamed', from });
    else if (taken.has(c.path) && c.after === undefined) continue;
    else result.push({ path: c.path, change: c.before === undefined ? 'added' : c.after === undefined ? 'deleted' : 'modified' });
  }
  return result;
}

/** A merge only counts for what differs from every parent: the rest belongs to branch commits. */
export function keepMergeDecisions(changes: PathChange[], differsFromOthers: ReadonlyArray<ReadonlySet<string>>): PathChange[] {
  return changes.filter((c) => differsFromOthers.every((differs) => differs.has(c.path)));
}
