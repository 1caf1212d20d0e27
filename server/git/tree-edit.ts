/** Builds a new tree from an old one and a set of file changes, rewriting only touched subtrees. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { TreeEntry } from 'isomorphic-git';
import { readTreeEntries } from './tree-entries.ts';

/** What becomes of one path: a blob (with its mode) or nothing. */
export type TreeChange = { path: string; oid: string; mode?: string } | { path: string; delete: true };

interface Node {
  files: Map<string, { oid: string; mode?: string } | null>;
  dirs: Map<string, Node>;
}

function toNodes(changes: readonly TreeChange[]): Node {
  const root: Node = { files: new Map(), dirs: new Map() };
  for (const change of changes) {
    const parts = change.path.split('/');
    const name = parts.pop() ?? '';
    let node = root;
    for (const part of parts) {
      let next = node.dirs.get(part);
      if (!next) node.dirs.set(part, (next = { files: new Map(), dirs: new Map() }));
      node = next;
    }
    const value = 'delete' in change ? null : change.mode ? { oid: change.oid, mode: change.mode } : { oid: change.oid };
    node.files.set(name, value);
  }
  return root;
}

/** Options of `editTree`. */
export interface EditTreeOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Tree to start from; undefined for an empty repository. */
  tree: string | undefined;
  /** Files to write or delete (posix paths relative to the repository). */
  changes: readonly TreeChange[];
  /** isomorphic-git object cache. */
  cache?: object;
}

/** Writes the trees needed for `changes` on top of `tree`; returns the new root tree id. */
export async function editTree(options: EditTreeOptions): Promise<string> {
  const { dir, cache = {} } = options;
  const rewrite = async (oid: string | undefined, node: Node, isRoot: boolean): Promise<string | undefined> => {
    // Entries with an unsafe name (pushed by someone else) are kept as they are, never dropped.
    const split = oid ? await readTreeEntries({ fs, dir, oid, cache }) : undefined;
    const entries: TreeEntry[] = split ? [...split.entries, ...split.unsafe] : [];
    const byName = new Map(entries.map((e) => [e.path, e]));
    for (const [name, file] of node.files) {
      const old = byName.get(name);
      if (file === null) byName.delete(name);
      else {
        // Keep an executable bit the file already had unless the change says otherwise.
        const mode = file.mode ?? (old?.type === 'blob' && old.mode === '100755' ? '100755' : '100644');
        byName.set(name, { mode, path: name, oid: file.oid, type: 'blob' });
      }
    }
    for (const [name, child] of node.dirs) {
      const old = byName.get(name);
      const childOid = await rewrite(old?.type === 'tree' ? old.oid : undefined, child, false);
      if (childOid === undefined) byName.delete(name);
      else byName.set(name, { mode: '040000', path: name, oid: childOid, type: 'tree' });
    }
    // Git stores no empty directories: a folder whose last file went away disappears.
    if (byName.size === 0 && !isRoot) return undefined;
    return git.writeTree({ fs, dir, tree: [...byName.values()] });
  };
  const result = await rewrite(options.tree, toNodes(options.changes), true);
  return result ?? (await git.writeTree({ fs, dir, tree: [] }));
}
