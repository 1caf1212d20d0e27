/** Differences between two git trees, skipping equal subtrees (renames are paired by `history-renames.ts`). */
import nodeFs from 'node:fs';
import type { FsClient } from 'isomorphic-git';
import { readTreeEntries, type SplitTree } from './tree-entries.ts';

/** How a path changed in a commit. */
export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed';

/** One changed file between two trees; `from` is the old path of a rename. */
export interface PathChange {
  /** File path (the new one for a rename). */
  path: string;
  /** What happened to it. */
  change: ChangeKind;
  /** Old path, for a rename. */
  from?: string;
}

/** A blob-level difference before rename detection (`undefined`: no file on that side). */
export interface RawChange {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/** Options of `createTreeDiffer`. */
export interface TreeDifferOptions {
  /** Working tree of the repository. */
  dir: string;
  /** isomorphic-git object cache (keeps pack indexes in memory). */
  cache: object;
  /** How many parsed trees to remember (parent and child share most subtrees). */
  maxTrees?: number;
  /** File system client (a snapshot one during bulk reads). */
  fs?: FsClient;
}

/** Paths with an unsafe name met by a walk: on the `before` side and on the `after` side. */
export interface UnsafeSeen {
  /** Found in the older tree. */
  before: string[];
  /** Found in the newer tree. */
  after: string[];
}

/** Creates a differ that reads trees through a small memo. */
export function createTreeDiffer(options: TreeDifferOptions) {
  const { dir, cache, maxTrees = 4000, fs = nodeFs } = options;
  const memo = new Map<string, SplitTree>();
  const empty: SplitTree = { entries: [], unsafe: [] };

  // One unsafe name (`a\..\b.md`) is set apart, never a reason to drop the whole history.
  async function entries(oid: string | undefined): Promise<SplitTree> {
    if (!oid) return empty;
    const known = memo.get(oid);
    if (known) return known;
    const tree = await readTreeEntries({ fs, dir, oid, cache });
    if (memo.size >= maxTrees) memo.delete(memo.keys().next().value as string);
    memo.set(oid, tree);
    return tree;
  }

  async function walk(before: string | undefined, after: string | undefined, prefix: string, out: RawChange[], unsafe?: UnsafeSeen) {
    if (before === after) return;
    const [l, r] = [await entries(before), await entries(after)];
    if (unsafe) {
      unsafe.before.push(...l.unsafe.map((e) => prefix + e.path));
      unsafe.after.push(...r.unsafe.map((e) => prefix + e.path));
    }
    const left = new Map(l.entries.map((e) => [e.path, e]));
    const right = new Map(r.entries.map((e) => [e.path, e]));
    for (const name of new Set([...left.keys(), ...right.keys()])) {
      const a = left.get(name);
      const b = right.get(name);
      if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
      const path = prefix + name;
      const aTree = a?.type === 'tree' ? a.oid : undefined;
      const bTree = b?.type === 'tree' ? b.oid : undefined;
      if (aTree || bTree) await walk(aTree, bTree, `${path}/`, out, unsafe);
      const aBlob = a?.type === 'blob' ? a.oid : undefined;
      const bBlob = b?.type === 'blob' ? b.oid : undefined;
      if (aBlob || bBlob) out.push({ path, before: aBlob, after: bBlob });
    }
  }

  return {
    /** Blob-level changes without rename detection. */
    async rawChanges(before: string | undefined, after: string | undefined): Promise<RawChange[]> {
      const raw: RawChange[] = [];
      await walk(before, after, '', raw);
      return raw;
    },
    /** Changed file paths without rename detection (cheap); unsafe names met go to `unsafe`. */
    async changedPaths(before: string | undefined, after: string | undefined, unsafe?: UnsafeSeen): Promise<string[]> {
      const raw: RawChange[] = [];
      await walk(before, after, '', raw, unsafe);
      return raw.map((c) => c.path);
    },
  };
}

/** A tree differ bound to one repository. */
export type TreeDiffer = ReturnType<typeof createTreeDiffer>;
