/**
 * Who could read what a commit touched, as it was in that commit: the visibility and groups of
 * every file it changed, read from the commit itself (the parent for what it deleted or renamed away). A commit
 * never changes, so this is computed once when the history index meets it and kept in its record;
 * whether a viewer may see its message is then a per-file permission check, without I/O.
 */
import type { FsClient } from 'isomorphic-git';
import git from 'isomorphic-git';
import { ownerPageOf } from '../editing/page-locations.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { isPagePath } from '../wiki/paths.ts';
import { parseRepoSettings, settingsFiles, type RepoSettings, type SettingsTexts } from '../wiki/repo-settings.ts';
import type { Visibility } from '../wiki/schema.ts';
import { groupKeys } from '../access/groups.ts';

/** Who could read one touched file: its visibility and, when restricted, its group keys. */
export interface TouchedAccess {
  /** Visibility of the page holding the file. */
  visibility: Visibility;
  /** Keys of the groups it was restricted to; absent when none (keeps the cache small). */
  groups?: string[];
}
import type { PathChange } from './tree-diff.ts';
import { findBlobAt } from './tree-entries.ts';

/** Options of `touchedVisibilities`. */
export interface TouchedVisibilitiesOptions {
  /** Working tree of the repository. */
  dir: string;
  /** File system client (the refresh's snapshot). */
  fs: FsClient;
  /** isomorphic-git object cache. */
  cache: object;
  /** The commit. */
  oid: string;
  /** Its first parent (where deleted and renamed-away files are read); none for a root commit. */
  parent: string | undefined;
  /** Files it changed. */
  changes: readonly PathChange[];
}

// Privacy first: a file that belongs to no readable page (templates, settings, a page that cannot
// be read) is the team's, so a commit touching one keeps its message for the team.
const teamOnly: TouchedAccess = { visibility: 'equipe' };

async function readText(options: TouchedVisibilitiesOptions, commit: string, path: string): Promise<string | undefined> {
  const { fs, dir, cache } = options;
  const blob = await findBlobAt({ fs, dir, commit, path, cache });
  return blob === undefined ? undefined : new TextDecoder().decode((await git.readBlob({ fs, dir, oid: blob, cache })).blob);
}

/** The repository's settings (`_gare/*.yml`) in `commit`: a page is judged by those of its version. */
async function settingsIn(options: TouchedVisibilitiesOptions, commit: string): Promise<RepoSettings> {
  const texts: SettingsTexts = {};
  for (const [key, path] of Object.entries(settingsFiles) as [keyof typeof settingsFiles, string][]) texts[key] = await readText(options, commit, path);
  return parseRepoSettings(texts);
}

/** Visibility and groups of the page holding `file` (itself, or the owner of an attachment) in `commit`. */
async function accessAt(options: TouchedVisibilitiesOptions, commit: string | undefined, file: string): Promise<TouchedAccess> {
  const page = isPagePath(file) ? file : ownerPageOf(file);
  if (!page || !commit) return teamOnly;
  try {
    const source = await readText(options, commit, page);
    if (source === undefined) return teamOnly;
    const { visibility, groups } = parsePage({ path: page, source, settings: await settingsIn(options, commit) }).meta;
    return groups.length > 0 ? { visibility, groups: groupKeys(groups) } : { visibility };
  } catch {
    return teamOnly;
  }
}

/** Who could read each file a commit touched, at that version: distinct entries, sorted. */
export async function touchedVisibilities(options: TouchedVisibilitiesOptions): Promise<TouchedAccess[]> {
  const { oid, parent, changes } = options;
  const seen = new Map<string, TouchedAccess>();
  const add = (access: TouchedAccess) => seen.set(JSON.stringify(access), access);
  for (const change of changes) {
    add(await accessAt(options, change.change === 'deleted' ? parent : oid, change.path));
    if (change.from !== undefined) add(await accessAt(options, parent, change.from));
  }
  return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([, access]) => access);
}
