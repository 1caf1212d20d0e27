/**
 * The repository's settings (`_gare/*.yml`) as they were in one commit: a page read at a version
 * is judged by the settings of that version. A commit never changes, so a few are kept.
 */
import { parseRepoSettings, settingsFiles, emptySettings, type RepoSettings, type SettingsTexts } from '../wiki/repo-settings.ts';
import { readFileAtCommit } from './read-version.ts';

const kept = new Map<string, Promise<RepoSettings>>();
const keep = 64;

/** Reads the settings files of `commit` (none: `emptySettings`). */
async function load(dir: string, commit: string): Promise<RepoSettings> {
  const texts: SettingsTexts = {};
  for (const [key, path] of Object.entries(settingsFiles) as [keyof typeof settingsFiles, string][]) {
    texts[key] = await readFileAtCommit({ dir, oid: commit, path });
  }
  return parseRepoSettings(texts);
}

/** Settings of the repository at `commit` (undefined: an empty repository, no settings). */
export function settingsAt(dir: string, commit: string | undefined): Promise<RepoSettings> {
  if (commit === undefined) return Promise.resolve(emptySettings);
  const key = `${dir}\0${commit}`;
  let found = kept.get(key);
  if (!found) {
    found = load(dir, commit);
    found.catch(() => kept.delete(key));
    kept.set(key, found);
    if (kept.size > keep) kept.delete(kept.keys().next().value as string);
  }
  return found;
}
