/** Read-only queries over the history index's records (pure functions, no I/O). */
import {
  type CommitRecord,
  newestFirst,
  type PageAuthor,
  type PathVersion,
  type RecentChange,
  type RecentChangesOptions,
} from './history-types.ts';
import type { PathChange } from './tree-diff.ts';

/** Commits that touched each path (a rename is listed under both its old and new path). */
export type PathEntries = Map<string, Array<{ record: CommitRecord; change: PathChange }>>;

/** Versions of `path`, newest first; a rename continues with the old path's older versions. */
export function listVersions(byPath: PathEntries, path: string): PathVersion[] {
  const found = new Map<string, { record: CommitRecord; change: PathChange }>();
  const follow = (p: string, beforeSeq: number, depth: number): void => {
    for (const entry of byPath.get(p) ?? []) {
      if (entry.record.seq >= beforeSeq || found.has(entry.record.oid)) continue;
      found.set(entry.record.oid, entry);
      const { change } = entry;
      // Only what the old path went through before the rename belongs to this page's story.
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
      touched: record.touched,
      ...(change.from !== undefined ? { from: change.from } : {}),
    }));
}

/** Authors and co-authors of the given versions, most commits first, one entry per e-mail. */
export function countAuthors(records: readonly CommitRecord[]): PageAuthor[] {
  const people = new Map<string, PageAuthor>();
  for (const record of records) {
    const credited = [{ name: record.version.author, email: record.version.email }, ...record.coAuthors];
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
}

/** Latest commits of `sorted` (newest first) with the paths the reader may see. */
export function selectRecent(sorted: readonly CommitRecord[], options: RecentChangesOptions): RecentChange[] {
  const since = options.since === undefined ? undefined : new Date(options.since).getTime() / 1000;
  const include = options.include;
  const out: RecentChange[] = [];
  for (const record of sorted) {
    if (out.length >= options.limit || (since !== undefined && record.timestamp < since)) break;
    // A rename from a path the reader may not see is dropped whole: the old name could tell too much.
    const paths = include ? record.changes.filter((c) => include(c.path) && (!c.from || include(c.from))) : record.changes;
    if (paths.length > 0) out.push({ ...record.version, paths, touched: record.touched });
  }
  return out;
}
