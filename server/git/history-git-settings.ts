/**
 * The repository settings (`_gare/*.yml`) at every commit of a git history build, followed from
 * parent to child through each commit's changes: no tree is read, except at a commit the build
 * did not walk (a resumed build's starting point), where git is asked for the three files.
 */
import { parseRepoSettings, settingsFiles, type RepoSettings, type SettingsTexts } from '../wiki/repo-settings.ts';
import type { GitObjects } from './history-git-objects.ts';
import type { LoggedCommit } from './history-git-log.ts';

/** Settings in force at a commit, and a key naming them (same key, same settings). */
export interface CommitSettings {
  /** Parsed settings. */
  settings: RepoSettings;
  /** Blob ids of the settings files. */
  key: string;
}

/** Options of `createGitSettings`. */
export interface GitSettingsOptions {
  /** The build's object reader. */
  objects: GitObjects;
  /** The commits walked, parents before children. */
  ordered: readonly LoggedCommit[];
}

type Ids = Array<string | undefined>;
const files = Object.entries(settingsFiles) as Array<[keyof typeof settingsFiles, string]>;

/** Follows the settings through the walked commits; `at(oid)` resolves them for one commit. */
export function createGitSettings({ objects, ordered }: GitSettingsOptions) {
  const idsAt = new Map<string, Promise<Ids>>();
  const parsed = new Map<string, Promise<CommitSettings>>();
  const lookUp = (oid: string): Promise<Ids> => {
    const found = Promise.all(files.map(async ([, file]) => {
      const object = await objects.read(`${oid}:${file}`);
      return object?.type === 'blob' ? object.oid : undefined;
    }));
    // Asked ahead of use: a failure is reported by whoever awaits it.
    found.catch(() => undefined);
    idsAt.set(oid, found);
    return found;
  };
  const none: Promise<Ids> = Promise.resolve(files.map(() => undefined));
  for (const commit of ordered) {
    const first = commit.parents[0];
    const base = first === undefined ? none : (idsAt.get(first) ?? lookUp(first));
    const changed = commit.raw.filter((c) => files.some(([, file]) => file === c.path));
    const after = new Map(changed.map((c) => [c.path, c.after]));
    const ids = changed.length === 0 ? base : base.then((before) => files.map(([, file], i) => (after.has(file) ? after.get(file) : before[i])));
    ids.catch(() => undefined);
    idsAt.set(commit.oid, ids);
  }

  const text = async (id: string | undefined): Promise<string | undefined> => {
    const data = id === undefined ? undefined : await objects.blob(id);
    return data === undefined ? undefined : new TextDecoder().decode(data);
  };

  return {
    /** The settings in force at `oid`. */
    async at(oid: string): Promise<CommitSettings> {
      const ids = await (idsAt.get(oid) ?? lookUp(oid));
      const key = ids.join(',');
      let known = parsed.get(key);
      if (!known) {
        known = (async () => {
          const texts: SettingsTexts = {};
          for (const [i, [name]] of files.entries()) texts[name] = await text(ids[i]);
          return { settings: parseRepoSettings(texts), key };
        })();
        parsed.set(key, known);
      }
      return known;
    },
  };
}
