/**
 * Who could read what a commit touched, as it was in that commit: the visibility and groups of
 * every file it changed, read from the commit itself (the parent for what it deleted or renamed away). A commit
 * never changes, so this is computed once when the history index meets it and kept in its record;
 * whether a viewer may see its message is then a per-file permission check, without I/O.
 */
import type { FsClient } from 'isomorphic-git';
import git from 'isomorphic-git';
import { ownerPageOf } from '../editing/page-locations.ts';
import { isPagePath } from '../wiki/paths.ts';
import { parseRepoSettings, settingsFiles, type RepoSettings, type SettingsTexts } from '../wiki/repo-settings.ts';
import type { Visibility } from '../wiki/schema.ts';
import { createPageAccessMemo, distinctAccesses, frontMatterKey, teamOnly, type PageAccessMemo } from './history-page-access.ts';
import type { PathChange } from './tree-diff.ts';
import { findBlobAt } from './tree-entries.ts';

/** Who could read one touched file: its visibility and, when restricted, its group keys. */
export interface TouchedAccess {
  /** Visibility of the page holding the file. */
  visibility: Visibility;
  /** Keys of the groups it was restricted to; absent when none (keeps the cache small). */
  groups?: string[];
}

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
  /** Accesses already worked out during this build (a page's front matter rarely changes). */
  memo?: PageAccessMemo;
}

interface CommitSettings {
  settings: RepoSettings;
  key: string;
}

async function readText(options: TouchedVisibilitiesOptions, commit: string, path: string): Promise<string | undefined> {
  const { fs, dir, cache } = options;
  const blob = await findBlobAt({ fs, dir, commit, path, cache });
  return blob === undefined ? undefined : new TextDecoder().decode((await git.readBlob({ fs, dir, oid: blob, cache })).blob);
}

/** The repository's settings (`_gare/*.yml`) in `commit`: a page is judged by those of its version. */
async function settingsIn(options: TouchedVisibilitiesOptions, commit: string): Promise<CommitSettings> {
  const texts: SettingsTexts = {};
  for (const [key, path] of Object.entries(settingsFiles) as [keyof typeof settingsFiles, string][]) texts[key] = await readText(options, commit, path);
  return { settings: parseRepoSettings(texts), key: JSON.stringify(texts) };
}

/** Who could read each file a commit touched, at that version: distinct entries, sorted. */
export async function touchedVisibilities(options: TouchedVisibilitiesOptions): Promise<TouchedAccess[]> {
  const { oid, parent, changes, memo = createPageAccessMemo() } = options;
  // Settings are read once per commit, not once per file.
  const settings = new Map<string, Promise<CommitSettings>>();
  const settingsAt = (commit: string): Promise<CommitSettings> => {
    let known = settings.get(commit);
    if (!known) settings.set(commit, (known = settingsIn(options, commit)));
    return known;
  };
  // Visibility and groups of the page holding `file` (itself, or the owner of an attachment) in `commit`.
  const accessAt = async (commit: string | undefined, file: string) => {
    const page = isPagePath(file) ? file : ownerPageOf(file);
    if (!page || !commit) return teamOnly;
    try {
      const source = await readText(options, commit, page);
      if (source === undefined) return teamOnly;
      const { settings: at, key } = await settingsAt(commit);
      return memo.of(page, frontMatterKey(source), at, key);
    } catch {
      return teamOnly;
    }
  };
  const found: TouchedAccess[] = [];
  for (const change of changes) {
    found.push(await accessAt(change.change === 'deleted' ? parent : oid, change.path));
    if (change.from !== undefined) found.push(await accessAt(parent, change.from));
  }
  return distinctAccesses(found);
}
