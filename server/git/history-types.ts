/** Shapes of the history index: what it stores per commit and what its queries return. */
import type { PageVersion } from '../wiki/page.ts';
import type { GitPerson } from './git-time.ts';
import type { ChangeKind, PathChange } from './tree-diff.ts';
import type { TouchedAccess } from './history-access.ts';

/** A page version, with the path the file had in that commit and how it changed there. */
export interface PathVersion extends PageVersion {
  /** File path in that commit (differs from the asked path before a rename). */
  path: string;
  /** How the file changed in that commit. */
  change: ChangeKind;
  /** Old path, when that commit renamed the file. */
  from?: string;
  /** Visibilities and groups, at that version, of every file the commit touched (decides who sees its message). */
  touched: TouchedAccess[];
}

/** A person who wrote a page, with how many of its commits name them (author or co-author). */
export interface PageAuthor extends GitPerson {
  /** Number of commits. */
  commits: number;
}

/** One commit in the « recent changes » feed. */
export interface RecentChange extends PageVersion {
  /** Files changed (for a merge: only what the merge itself decided). */
  paths: PathChange[];
  /** Visibilities and groups, at that version, of every file the commit touched (decides who sees its message). */
  touched: TouchedAccess[];
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

/** What the index keeps of one commit. */
export interface CommitRecord {
  /** Commit id. */
  oid: string;
  /** Root tree id. */
  tree: string;
  /** Position in a parents-before-children order (ties of dates are broken by it). */
  seq: number;
  /** Author time, seconds. */
  timestamp: number;
  /** Author, date and subject, as pages show them. */
  version: PageVersion;
  /** People named in `Co-authored-by:` trailers. */
  coAuthors: GitPerson[];
  /** Files changed against the first parent (merges: only what differs from every parent). */
  changes: PathChange[];
  /** Visibilities and groups, at that version, of every file in `changes` (see `history-access.ts`). */
  touched: TouchedAccess[];
}

/** Sort order of history lists: newest date first, then latest in topological order. */
export const newestFirst = (a: CommitRecord, b: CommitRecord): number => b.timestamp - a.timestamp || b.seq - a.seq;
