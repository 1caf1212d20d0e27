/**
 * Plans the merge of another commit (the remote branch) into ours, file by file, losing nothing:
 * non-overlapping edits of one file are merged line by line; when both sides changed the same
 * lines, our version stays at its path and theirs is kept next to it as `<name>.distant.md`.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { FileChange } from './commit-queue.ts';
import { mergeText } from './merge-text.ts';
import { createTreeDiffer, type RawChange } from './tree-diff.ts';

/** A file both sides changed in overlapping ways. */
export interface SyncConflict {
  /** The file, holding our version. */
  path: string;
  /** Where their version was saved. */
  savedAs: string;
}

/** What merging `theirs` into `ours` takes. */
export type MergePlan =
  | { kind: 'up-to-date' }
  | { kind: 'fast-forward'; changes: FileChange[] }
  | { kind: 'merge'; changes: FileChange[]; conflicts: SyncConflict[] };

/** Options of `planMerge`. */
export interface PlanMergeOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Our commit (local branch), undefined in an empty repository. */
  ours: string | undefined;
  /** Their commit (fetched remote branch). */
  theirs: string;
}

/** `a/b.md` → `a/b.distant.md`, then `a/b.distant-2.md`… until the name is free. */
export function distantPath(path: string, taken: (candidate: string) => boolean): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  const [stem, ext] = dot > slash + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem}.distant${n === 1 ? '' : `-${n}`}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Works out the file changes that bring `theirs` into `ours`. */
export async function planMerge(options: PlanMergeOptions): Promise<MergePlan> {
  const { dir, ours, theirs } = options;
  const cache = {};
  const differ = createTreeDiffer({ dir, cache });
  const treeOf = async (oid: string | undefined): Promise<string | undefined> =>
    oid ? (await git.readCommit({ fs, dir, oid, cache })).commit.tree : undefined;
  const blob = async (oid: string): Promise<Uint8Array> => (await git.readBlob({ fs, dir, oid, cache })).blob;
  const contentOf = async (c: RawChange): Promise<FileChange> =>
    c.after === undefined ? { path: c.path, delete: true } : { path: c.path, content: await blob(c.after) };

  if (ours === theirs) return { kind: 'up-to-date' };
  const bases = ours ? await git.findMergeBase({ fs, dir, oids: [ours, theirs], cache }) : [];
  const base = bases[0] as string | undefined;
  if (base === theirs) return { kind: 'up-to-date' };
  if (ours === undefined || base === ours) {
    const raw = await differ.rawChanges(await treeOf(ours), await treeOf(theirs));
    return { kind: 'fast-forward', changes: await Promise.all(raw.map(contentOf)) };
  }
  const baseTree = await treeOf(base);
  const ourChanges = new Map((await differ.rawChanges(baseTree, await treeOf(ours))).map((c) => [c.path, c]));
  const theirChanges = await differ.rawChanges(baseTree, await treeOf(theirs));
  const ourFiles = new Set(await git.listFiles({ fs, dir, ref: ours, cache }));
  const planned = new Set<string>();
  const changes: FileChange[] = [];
  const conflicts: SyncConflict[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const asText = (bytes: Uint8Array): string | undefined => {
    try {
      return bytes.includes(0) ? undefined : decoder.decode(bytes);
    } catch {
      return undefined;
    }
  };

  for (const their of theirChanges) {
    const our = ourChanges.get(their.path);
    if (our?.after === their.after) continue;
    // Untouched here, or deleted here and edited there: take theirs (an edit outweighs a deletion).
    if (!our || (our.after === undefined && their.after !== undefined)) {
      changes.push(await contentOf(their));
      continue;
    }
    // Edited here and deleted there, or edited on both sides.
    if (their.after === undefined || our.after === undefined) continue;
    const theirBytes = await blob(their.after);
    const texts = [their.before ? asText(await blob(their.before)) : '', asText(await blob(our.after)), asText(theirBytes)];
    const [baseText, ourText, theirText] = texts;
    if (baseText !== undefined && ourText !== undefined && theirText !== undefined) {
      const merged = mergeText({ base: baseText, ours: ourText, theirs: theirText });
      if (merged.clean) {
        changes.push({ path: their.path, content: merged.text });
        continue;
      }
    }
    const savedAs = distantPath(their.path, (p) => ourFiles.has(p) || planned.has(p));
    planned.add(savedAs);
    changes.push({ path: savedAs, content: theirBytes });
    conflicts.push({ path: their.path, savedAs });
  }
  return { kind: 'merge', changes, conflicts };
}
