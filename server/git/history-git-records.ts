/**
 * Turns the commits `git log` listed into history records, with the objects `git cat-file` reads:
 * the same pairing, merge rule and page-access code as the isomorphic-git reader, on what git
 * hands over. `prepare` asks for every object a commit needs at once; `record` awaits them.
 */
import git from 'isomorphic-git';
import type { FsClient } from 'isomorphic-git';
import { ownerPageOf } from '../editing/page-locations.ts';
import { isPagePath, type PagePath } from '../wiki/paths.ts';
import { gitTimeToIso, parseCoAuthors } from './git-time.ts';
import type { TouchedAccess } from './history-access.ts';
import type { KnownTrees, NewCommitRecord } from './history-build.ts';
import { parseCommitText } from './history-git-commit.ts';
import type { LoggedCommit } from './history-git-log.ts';
import type { GitObject, GitObjects } from './history-git-objects.ts';
import { createGitSettings } from './history-git-settings.ts';
import { createPageAccessMemo, distinctAccesses, frontMatterKeyOfBytes, teamOnly } from './history-page-access.ts';
import { keepMergeDecisions, pairRenames } from './history-renames.ts';
import { createTreeDiffer } from './tree-diff.ts';
import { findBlobAt, isUnsafeEntryName } from './tree-entries.ts';

/** Options of `createGitRecordMaker`. */
export interface GitRecordMakerOptions {
  /** Working tree of the repository. */
  dir: string;
  /** The build's object reader. */
  objects: GitObjects;
  /** Commits to record, parents first. */
  ordered: readonly LoggedCommit[];
  /** Commits indexed before the build. */
  knownTrees: KnownTrees;
  /** Commit objects already asked for, by id. */
  commitObjects: ReadonlyMap<string, Promise<GitObject | undefined>>;
  /** File system client for the few isomorphic-git reads (merges, unusual names). */
  fs: FsClient;
  /** isomorphic-git object cache. */
  cache: object;
}

type Side = 'commit' | 'parent';
const utf8 = new TextDecoder();
const none = Promise.resolve(undefined);

/** Creates the record maker of one build. */
export function createGitRecordMaker({ dir, objects, ordered, knownTrees, commitObjects, fs, cache }: GitRecordMakerOptions) {
  const trees = new Map(ordered.map((c) => [c.oid, c.tree]));
  const treeOf = (oid: string): string | undefined => trees.get(oid) ?? knownTrees.get(oid);
  const differ = createTreeDiffer({ dir, cache, fs });
  const memo = createPageAccessMemo();
  const settings = createGitSettings({ objects, ordered });
  // isomorphic-git never walks into an entry whose name is unsafe: neither does this reader.
  const safe = new Map<string, boolean>();
  const isSafePath = (file: string): boolean => {
    let known = safe.get(file);
    if (known === undefined) safe.set(file, (known = !file.split('/').some(isUnsafeEntryName)));
    return known;
  };
  const pages = new Map<string, PagePath | undefined>();
  const pageOf = (file: string): PagePath | undefined => {
    if (!pages.has(file)) pages.set(file, isPagePath(file) ? file : ownerPageOf(file));
    return pages.get(file);
  };
  const readText = async (oid: string): Promise<string> => {
    const data = await objects.blob(oid);
    if (!data) throw new Error(`git cat-file: no blob ${oid}`);
    return utf8.decode(data);
  };
  // A path git cat-file cannot be asked for on one line (or not decoded from UTF-8) is looked up by isomorphic-git.
  const blobAt = async (commit: string, file: string): Promise<Uint8Array | undefined> => {
    if (!/[\n\r\uFFFD]/.test(file)) return objects.blob(`${commit}:${file}`);
    const oid = await findBlobAt({ fs, dir, commit, path: file, cache });
    return oid === undefined ? undefined : (await git.readBlob({ fs, dir, oid, cache })).blob;
  };

  /** Asks for every object the commit's record needs; returns what `record` takes. */
  function prepare(commit: LoggedCommit) {
    const raw = commit.raw.filter((c) => isSafePath(c.path));
    const changed = new Map(raw.map((c) => [c.path, c]));
    const sources = new Map<string, Promise<Uint8Array | undefined>>();
    const source = (side: Side, page: PagePath): Promise<Uint8Array | undefined> => {
      const key = `${side}\n${page}`;
      let known = sources.get(key);
      if (known) return known;
      const at = side === 'commit' ? commit.oid : commit.parents[0];
      const entry = changed.get(page);
      const oid = entry && (side === 'commit' ? entry.after : entry.before);
      // A page the commit did not change is the same in it and its parent; a root commit changed every file.
      known = !at ? none : entry ? (oid ? objects.blob(oid) : none) : commit.parents.length === 0 ? none : blobAt(at, page);
      // Asked ahead of use: a failure is reported by whoever awaits it.
      known.catch(() => undefined);
      sources.set(key, known);
      return known;
    };
    for (const c of raw) {
      const page = pageOf(c.path);
      if (page && c.after) void source('commit', page);
      if (page && c.before && !c.after) void source('parent', page);
    }
    const accessAt = async (side: Side, file: string): Promise<TouchedAccess> => {
      const page = pageOf(file);
      const at = side === 'commit' ? commit.oid : commit.parents[0];
      if (!page || !at) return teamOnly;
      const data = await source(side, page);
      if (!data) return teamOnly;
      const { settings: current, key } = await settings.at(at);
      return memo.of(page, frontMatterKeyOfBytes(data), current, key);
    };
    return { commit, raw, accessAt };
  }

  /** The record of a prepared commit. */
  async function record({ commit, raw, accessAt }: ReturnType<typeof prepare>): Promise<NewCommitRecord> {
    const found = await (commitObjects.get(commit.oid) ?? objects.read(commit.oid));
    if (found?.type !== 'commit') throw new Error(`git cat-file: no commit ${commit.oid}`);
    const { author, message } = parseCommitText(utf8.decode(found.data));
    let changes = await pairRenames({ raw, readText });
    if (commit.parents.length > 1) {
      const others = await Promise.all(commit.parents.slice(1).map(async (other) => new Set(await differ.changedPaths(treeOf(other), commit.tree))));
      changes = keepMergeDecisions(changes, others);
    }
    const touched: TouchedAccess[] = [];
    for (const change of changes) {
      touched.push(await accessAt(change.change === 'deleted' ? 'parent' : 'commit', change.path));
      if (change.from !== undefined) touched.push(await accessAt('parent', change.from));
    }
    return {
      oid: commit.oid,
      tree: commit.tree,
      timestamp: author.timestamp,
      version: { oid: commit.oid, author: author.name, email: author.email, date: gitTimeToIso(author.timestamp), message: message.split('\n', 1)[0] ?? '' },
      coAuthors: parseCoAuthors(message),
      changes,
      touched: distinctAccesses(touched),
    };
  }

  return { prepare, record };
}
