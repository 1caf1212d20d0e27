/**
 * Reads a tree object without refusing it whole for one bad entry name. isomorphic-git's
 * `readTree` throws `UnsafeFilepathError` for a tree holding `ressources\..\..\x.md`, so one
 * pushed name would take down the history and every write touching that folder. Here the tree
 * is parsed from its bytes: safe entries are used, unsafe ones are set apart (reported, kept
 * verbatim when the tree is rewritten, never written to disk).
 */
import git from 'isomorphic-git';
import type { FsClient, TreeEntry } from 'isomorphic-git';

/** A tree split into the entries the hub may use and those whose name it must never use as a path. */
export interface SplitTree {
  /** Entries with a safe name. */
  entries: TreeEntry[];
  /** Entries whose name is a path separator trick, `.`/`..` or `.git` in disguise. */
  unsafe: TreeEntry[];
}

const typeOfMode: Record<string, TreeEntry['type']> = { '40000': 'tree', '040000': 'tree', '160000': 'commit' };

/** True for a tree entry name git itself would refuse to check out (mirrors isomorphic-git's rule). */
export function isUnsafeEntryName(name: string): boolean {
  const clean = name.replace(/[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g, '');
  const normalized = (clean.split(':')[0] ?? '').toLowerCase().replace(/[. ]+$/, '');
  return /[\\/\0]/.test(name) || clean === '.' || clean === '..' || clean === '' || normalized === '.git' || /^\.?git~[1-9]$/.test(normalized);
}

/** Options of `readTreeEntries`. */
export interface ReadTreeEntriesOptions {
  /** File system client. */
  fs: FsClient;
  /** Working tree of the repository. */
  dir: string;
  /** Tree id. */
  oid: string;
  /** isomorphic-git object cache. */
  cache: object;
}

/** Reads a tree, setting apart the entries with an unsafe name instead of failing. */
export async function readTreeEntries({ fs, dir, oid, cache }: ReadTreeEntriesOptions): Promise<SplitTree> {
  const { type, object } = await git.readObject({ fs, dir, oid, format: 'content', cache });
  if (type !== 'tree' || !(object instanceof Uint8Array)) throw new Error(`Object ${oid} is not a tree`);
  const buffer = Buffer.from(object.buffer, object.byteOffset, object.byteLength);
  const out: SplitTree = { entries: [], unsafe: [] };
  for (let cursor = 0; cursor < buffer.length; ) {
    const space = buffer.indexOf(32, cursor);
    const nul = buffer.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > buffer.length) throw new Error(`Tree ${oid} is malformed`);
    const rawMode = buffer.toString('utf8', cursor, space);
    const mode = rawMode === '40000' ? '040000' : rawMode;
    const entry: TreeEntry = { mode, path: buffer.toString('utf8', space + 1, nul), oid: buffer.toString('hex', nul + 1, nul + 21), type: typeOfMode[mode] ?? 'blob' };
    (isUnsafeEntryName(entry.path) ? out.unsafe : out.entries).push(entry);
    cursor = nul + 21;
  }
  return out;
}

/** Options of `findBlobAt`. */
export interface FindBlobAtOptions {
  /** File system client. */
  fs: FsClient;
  /** Working tree of the repository. */
  dir: string;
  /** Commit id. */
  commit: string;
  /** Repository path of the file. */
  path: string;
  /** isomorphic-git object cache. */
  cache: object;
}

/** Blob id of `path` in a commit, read through tolerant trees; undefined when there is no such file. */
export async function findBlobAt({ fs, dir, commit, path, cache }: FindBlobAtOptions): Promise<string | undefined> {
  let tree = (await git.readCommit({ fs, dir, oid: commit, cache })).commit.tree;
  const parts = path.split('/');
  for (const [i, part] of parts.entries()) {
    const entry = (await readTreeEntries({ fs, dir, oid: tree, cache })).entries.find((e) => e.path === part);
    if (!entry) return undefined;
    if (i === parts.length - 1) return entry.type === 'blob' ? entry.oid : undefined;
    if (entry.type !== 'tree') return undefined;
    tree = entry.oid;
  }
  return undefined;
}
