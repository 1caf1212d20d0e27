/**
 * The history records of a first build, read through the `git` binary: the graph and each
 * commit's changes from one `git log`, commit objects and page versions from one `git cat-file`.
 * The records are exactly those of `buildHistoryRecords` (same order, same renames, same
 * accesses): the same pairing, merge rule and page-access code run on what git hands over.
 */
import nodeFs from 'node:fs';
import git from 'isomorphic-git';
import { ownerPageOf } from '../editing/page-locations.ts';
import { isPagePath, type PagePath } from '../wiki/paths.ts';
import { gitTimeToIso, parseCoAuthors } from './git-time.ts';
import type { TouchedAccess } from './history-access.ts';
import type { BuildHistoryRecordsOptions, NewCommitRecord } from './history-build.ts';
import { parseCommitText } from './history-git-commit.ts';
import { readGitLog, type LoggedCommit } from './history-git-log.ts';
import { openGitObjects } from './history-git-objects.ts';
import { createGitSettings } from './history-git-settings.ts';
import { createPageAccessMemo, distinctAccesses, teamOnly } from './history-page-access.ts';
import { keepMergeDecisions, pairRenames } from './history-renames.ts';
import { createTreeDiffer } from './tree-diff.ts';
import { findBlobAt } from './tree-entries.ts';

/** Options of `buildHistoryRecordsWithGit`. */
export interface BuildHistoryWithGitOptions extends BuildHistoryRecordsOptions {
  /** The git program (default `git`, found on PATH). */
  git?: string;
}

type Side = 'commit' | 'parent';
const decode = (data: Buffer): string => new TextDecoder().decode(data);

/** Same walk as `walkNewCommits`: depth first, first parent first, every commit after its new parents. */
function parentsFirst(logged: LoggedCommit[], head: string): LoggedCommit[] {
  const byOid = new Map(logged.map((c) => [c.oid, c]));
  const out: LoggedCommit[] = [];
  const visited = new Set<string>();
  const stack: Array<{ oid: string; ready?: LoggedCommit }> = [{ oid: head }];
  while (stack.length > 0) {
    const top = stack.pop() as { oid: string; ready?: LoggedCommit };
    if (top.ready) {
      out.push(top.ready);
      continue;
    }
    const commit = byOid.get(top.oid);
    if (visited.has(top.oid) || !commit) continue;
    visited.add(top.oid);
    stack.push({ oid: top.oid, ready: commit });
    for (const parent of [...commit.parents].reverse()) if (!visited.has(parent) && byOid.has(parent)) stack.push({ oid: parent });
  }
  return out;
}

/** Builds the records of the commits reachable from `head` and not known, through git; rejects when git fails. */
export async function buildHistoryRecordsWithGit(options: BuildHistoryWithGitOptions): Promise<number> {
  const { dir, head, knownTrees, onBatch, batchSize = 500, cache = {}, fs = nodeFs, git: program = 'git' } = options;
  const objects = openGitObjects({ git: program, dir });
  try {
    const ordered = parentsFirst(await readGitLog({ git: program, dir, head, exclude: knownTrees.keys() }), head);
    const trees = new Map(ordered.map((c) => [c.oid, c.tree]));
    const treeOf = (oid: string): string | undefined => trees.get(oid) ?? knownTrees.get(oid);
    const differ = createTreeDiffer({ dir, cache, fs });
    const memo = createPageAccessMemo();
    const settings = createGitSettings({ objects, ordered });
    const readText = async (oid: string): Promise<string> => {
      const data = await objects.blob(oid);
      if (!data) throw new Error(`git cat-file: no blob ${oid}`);
      return decode(data);
    };
    // A path git cat-file cannot be asked for on one line (or not decoded from UTF-8) is looked up by isomorphic-git.
    const blobAt = async (commit: string, file: string): Promise<Buffer | undefined> => {
      if (!/[\n\r\uFFFD]/.test(file)) return objects.blob(`${commit}:${file}`);
      const oid = await findBlobAt({ fs, dir, commit, path: file, cache });
      return oid === undefined ? undefined : Buffer.from((await git.readBlob({ fs, dir, oid, cache })).blob);
    };

    // Every read a commit needs is asked for before any answer is awaited: git streams them back.
    const prepare = (commit: LoggedCommit) => {
      const changed = new Map(commit.raw.map((c) => [c.path, c]));
      const sources = new Map<string, Promise<Buffer | undefined>>();
      const source = (side: Side, page: PagePath): Promise<Buffer | undefined> => {
        const key = `${side}\n${page}`;
        let known = sources.get(key);
        if (known) return known;
        const at = side === 'commit' ? commit.oid : commit.parents[0];
        const entry = changed.get(page);
        const oid = entry && (side === 'commit' ? entry.after : entry.before);
        // A page the commit did not change is the same in it and its parent; a root commit changed every file.
        known = !at ? Promise.resolve(undefined) : entry ? (oid ? objects.blob(oid) : Promise.resolve(undefined)) : commit.parents.length === 0 ? Promise.resolve(undefined) : blobAt(at, page);
        sources.set(key, known);
        return known;
      };
      const pageOf = (file: string): PagePath | undefined => (isPagePath(file) ? file : ownerPageOf(file));
      for (const c of commit.raw) {
        const page = pageOf(c.path);
        if (page && c.after) void source('commit', page).catch(() => undefined);
        if (page && c.before && !c.after) void source('parent', page).catch(() => undefined);
      }
      const accessAt = async (side: Side, file: string): Promise<TouchedAccess> => {
        const page = pageOf(file);
        const at = side === 'commit' ? commit.oid : commit.parents[0];
        if (!page || !at) return teamOnly;
        const data = await source(side, page);
        if (!data) return teamOnly;
        const { settings: current, key } = await settings.at(at);
        return memo.of(page, decode(data), current, key);
      };
      const object = objects.read(commit.oid);
      // Read ahead: should the build stop before this commit, its refusal is nobody's to handle.
      object.catch(() => undefined);
      return { commit, object, accessAt };
    };

    let batch: NewCommitRecord[] = [];
    for (let start = 0; start < ordered.length; start += batchSize) {
      for (const { commit, object, accessAt } of ordered.slice(start, start + batchSize).map(prepare)) {
        const found = await object;
        if (found?.type !== 'commit') throw new Error(`git cat-file: no commit ${commit.oid}`);
        const { author, message } = parseCommitText(decode(found.data));
        let changes = await pairRenames({ raw: commit.raw, readText });
        if (commit.parents.length > 1) {
          const others = await Promise.all(commit.parents.slice(1).map(async (other) => new Set(await differ.changedPaths(treeOf(other), commit.tree))));
          changes = keepMergeDecisions(changes, others);
        }
        const touched: TouchedAccess[] = [];
        for (const change of changes) {
          touched.push(await accessAt(change.change === 'deleted' ? 'parent' : 'commit', change.path));
          if (change.from !== undefined) touched.push(await accessAt('parent', change.from));
        }
        batch.push({
          oid: commit.oid,
          tree: commit.tree,
          timestamp: author.timestamp,
          version: { oid: commit.oid, author: author.name, email: author.email, date: gitTimeToIso(author.timestamp), message: message.split('\n', 1)[0] ?? '' },
          coAuthors: parseCoAuthors(message),
          changes,
          touched: distinctAccesses(touched),
        });
      }
      await onBatch(batch);
      batch = [];
    }
    return ordered.length;
  } finally {
    await objects.close();
  }
}
