/** In-memory index of the repository history: versions, authors and dates of every page. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { PageVersion } from '../wiki/page.ts';
import { walkNewCommits } from './commit-walk.ts';
import { createSnapshotFs } from './snapshot-fs.ts';
import { type GitPerson, gitTimeToIso, parseCoAuthors } from './git-time.ts';
import { type ChangeKind, createTreeDiffer, type PathChange } from './tree-diff.ts';

/** A page version, with the path the file had in that commit and how it changed there. */
export interface PathVersion extends PageVersion {
  /** File path in that commit (differs from the asked path before a rename). */
  path: string;
  /** How the file changed in that commit. */
  change: ChangeKind;
  /** Old path, when that commit renamed the file. */
  from?: string;
}

/** A person who wrote a page, with how many of its commits name them (author or co-author). */
export interface PageAuthor extends GitPerson {
  /** Number of commits. */
  commits: number;
}

/** One commit in the « recent changes » feed. */
export interface RecentChange {
  /** Commit id. */
  oid: string;
  /** Author name. */
  author: string;
  /** Author e-mail. */
  email: string;
  /** Commit time, ISO 8601. */
  date: string;
  /** First line of the commit message. */
  message: string;
  /** Files changed (for a merge: only what the merge itself decided). */
  paths: PathChange[];
}

/** Options of `recentChanges`. */
export interface RecentChangesOptions {
  /** Maximum number of commits. */
  limit: number;
  /** Only commits at or after this date. */
  since?: Date | string | undefined;
  /** Keeps only the paths the reader may see; commits left without paths are skipped. */
  include?: ((path: string) => boolean) | undefined;
}

interface CommitRecord {
  oid: string;
  tree: string;
  seq: number;
  timestamp: number;
  version: PageVersion;
  coAuthors: GitPerson[];
  changes: PathChange[];
}

const newestFirst = (a: CommitRecord, b: CommitRecord): number => b.timestamp - a.timestamp || b.seq - a.seq;

/** Creates the history index of the repository in `dir`; call `refresh()` before querying. */
export function createHistoryIndex(options: { dir: string }) {
  const { dir } = options;
  let cache = {};
  let differ = createTreeDiffer({ dir, cache });
  let snapshot = createSnapshotFs();
  let commits = new Map<string, CommitRecord>();
  let byPath = new Map<string, Array<{ record: CommitRecord; change: PathChange }>>();
  let sorted: CommitRecord[] = [];
  let lastHead: string | undefined;
  let pending: Promise<unknown> = Promise.resolve();

  function reset(): void {
    cache = {};
    differ = createTreeDiffer({ dir, cache, fs: snapshot });
    commits = new Map();
    byPath = new Map();
  }

  function remember(path: string, record: CommitRecord, change: PathChange): void {
    const list = byPath.get(path);
    if (list) list.push({ record, change });
    else byPath.set(path, [{ record, change }]);
  }

  async function changesOf(tree: string, parents: string[]): Promise<PathChange[]> {
    const treeOf = (oid: string): string | undefined => commits.get(oid)?.tree;
    const changes = await differ.diff(parents[0] ? treeOf(parents[0]) : undefined, tree);
    // A merge only counts for what differs from every parent: the rest belongs to branch commits.
    for (const other of parents.slice(1)) {
      const differs = new Set(await differ.changedPaths(treeOf(other), tree));
      for (let i = changes.length - 1; i >= 0; i--) {
        const c = changes[i] as PathChange;
        if (!differs.has(c.path)) changes.splice(i, 1);
      }
    }
    return changes;
  }

  async function refreshNow(): Promise<{ changedPaths: string[]; head: string | undefined }> {
    const head = await git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
    if (head === lastHead) return { changedPaths: [], head };
    // Listings are frozen per refresh: objects reachable from `head` already exist on disk.
    snapshot = createSnapshotFs();
    differ = createTreeDiffer({ dir, cache, fs: snapshot });
    const previousTree = lastHead ? commits.get(lastHead)?.tree : undefined;
    if (!head) {
      const changedPaths = await differ.changedPaths(previousTree, undefined);
      reset();
      sorted = [];
      lastHead = undefined;
      return { changedPaths, head };
    }
    const rewritten = lastHead && !(await git.isDescendent({ fs: snapshot, dir, oid: head, ancestor: lastHead, depth: -1, cache }));
    if (rewritten) reset();
    let seq = commits.size;
    for (const { oid, commit } of await walkNewCommits({ dir, head, known: (o) => commits.has(o), cache, fs: snapshot })) {
      const record: CommitRecord = {
        oid,
        tree: commit.tree,
        seq: seq++,
        timestamp: commit.author.timestamp,
        version: {
          oid,
          author: commit.author.name,
          email: commit.author.email,
          date: gitTimeToIso(commit.author.timestamp),
          message: commit.message.split('\n', 1)[0] ?? '',
        },
        coAuthors: parseCoAuthors(commit.message),
        changes: await changesOf(commit.tree, commit.parent),
      };
      commits.set(oid, record);
      for (const change of record.changes) {
        remember(change.path, record, change);
        if (change.from !== undefined) remember(change.from, record, change);
      }
    }
    sorted = [...commits.values()].sort(newestFirst);
    lastHead = head;
    const headTree = commits.get(head)?.tree;
    return { changedPaths: await differ.changedPaths(previousTree, headTree), head };
  }

  function historyOf(path: string): PathVersion[] {
    const found = new Map<string, { record: CommitRecord; change: PathChange }>();
    const follow = (p: string, beforeSeq: number, depth: number): void => {
      for (const entry of byPath.get(p) ?? []) {
        if (entry.record.seq >= beforeSeq || found.has(entry.record.oid)) continue;
        found.set(entry.record.oid, entry);
        const { change } = entry;
        // The rename commit continues the story of the old path, older commits only.
        if (change.path === p && change.from !== undefined && depth < 50) follow(change.from, entry.record.seq, depth + 1);
      }
    };
    follow(path, Number.POSITIVE_INFINITY, 0);
    return [...found.values()]
      .sort((a, b) => newestFirst(a.record, b.record))
      .map(({ record, change }) => ({
        ...record.version,
        path: change.path,
        change: change.change,
        ...(change.from !== undefined ? { from: change.from } : {}),
      }));
  }

  return {
    /** Reads commits new since the last refresh (all of them the first time, or after a rewrite). */
    refresh(): Promise<{ changedPaths: string[]; head: string | undefined }> {
      const run = pending.then(refreshNow, refreshNow);
      pending = run.catch(() => undefined);
      return run;
    },
    /** Commit the index was last refreshed at. */
    head: (): string | undefined => lastHead,
    /** Versions of a file, newest first, following renames. */
    historyOf,
    /** People who wrote a file (authors and co-authors), most commits first. */
    authorsOf(path: string): PageAuthor[] {
      const people = new Map<string, PageAuthor>();
      for (const version of historyOf(path)) {
        const record = commits.get(version.oid) as CommitRecord;
        const credited = [{ name: version.author, email: version.email }, ...record.coAuthors];
        const once = new Set<string>();
        for (const person of credited) {
          const key = (person.email || person.name).toLowerCase();
          if (once.has(key)) continue;
          once.add(key);
          const known = people.get(key);
          if (known) known.commits++;
          else people.set(key, { name: person.name, email: person.email, commits: 1 });
        }
      }
      return [...people.values()].sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name, 'fr'));
    },
    /** Date of the first version of a file (before renames), ISO 8601. */
    createdAt: (path: string): string | undefined => historyOf(path).at(-1)?.date,
    /** Date of the latest version of a file, ISO 8601. */
    updatedAt: (path: string): string | undefined => historyOf(path)[0]?.date,
    /** Latest commits, newest first, with the files each one changed. */
    recentChanges(options: RecentChangesOptions): RecentChange[] {
      const since = options.since === undefined ? undefined : new Date(options.since).getTime() / 1000;
      const out: RecentChange[] = [];
      for (const record of sorted) {
        if (out.length >= options.limit || (since !== undefined && record.timestamp < since)) break;
        const include = options.include;
        const paths = include ? record.changes.filter((c) => include(c.path) && (!c.from || include(c.from))) : record.changes;
        if (paths.length > 0) out.push({ ...record.version, paths });
      }
      return out;
    },
  };
}

/** The history index of one repository. */
export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
