import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { groupKey } from '../../server/access/groups.ts';
import { anonymous, type Viewer } from '../../server/access/viewer.ts';
import { buildHistoryRecords, type NewCommitRecord } from '../../server/git/history-build.ts';
import { buildHistoryFirstTime } from '../../server/git/history-first-build.ts';
import { buildHistoryRecordsWithGit } from '../../server/git/history-git-build.ts';
import { createHistoryIndex, type HistoryIndex } from '../../server/git/history-index.ts';
import { toVersionInfo } from '../../server/reading/page-versions.ts';
import { createOddHistoryRepo, groupName, oddNames } from './history-fixture.ts';
import { gitSync, makeTempDir, removeDir } from './helpers.ts';

let root: string;
let dir: string;
let head: string;
let paths: string[];
let viaIsomorphic: NewCommitRecord[];

beforeAll(async () => {
  root = await makeTempDir();
  dir = await createOddHistoryRepo(root);
  head = gitSync(dir, ['rev-parse', 'HEAD']);
  paths = gitSync(dir, ['-c', 'core.quotepath=off', 'log', '--all', '-z', '--name-only', '--format=']).split(/[\0\n]/).filter(Boolean);
  viaIsomorphic = [];
  await buildHistoryRecords({ dir, head, knownTrees: new Map(), onBatch: (batch) => void viaIsomorphic.push(...batch) });
}, 60_000);
afterAll(() => removeDir(root));

function view(history: HistoryIndex) {
  return {
    head: history.head(),
    unsafe: history.unsafePaths(),
    recent: history.recentChanges({ limit: 1000 }),
    files: [...new Set([...paths, ...oddNames.map((n) => `bizarre/${n}.md`)])].sort().map((p) => [p, history.historyOf(p), history.authorsOf(p)]),
  };
}

describe('the history read through the git binary', () => {
  it('holds exactly the records isomorphic-git reads: renames, deletions, merges, odd names, groups', async () => {
    const viaGit: NewCommitRecord[] = [];
    const count = await buildHistoryRecordsWithGit({ dir, head, knownTrees: new Map(), batchSize: 7, onBatch: (batch) => void viaGit.push(...batch) });
    expect(count).toBe(viaIsomorphic.length);
    expect(viaGit).toEqual(viaIsomorphic);
    // The fixture has what the comparison is about.
    const changes = viaGit.flatMap((r) => r.changes);
    expect(changes).toContainEqual({ path: 'outils-visio.md', change: 'renamed', from: 'ressources/visio.md' });
    expect(changes).toContainEqual({ path: 'ressources/café-crème.md', change: 'renamed', from: 'ressources/café crème.md' });
    expect(changes).toContainEqual({ path: 'bizarre/ligne\nsuivante.fichiers/note.txt', change: 'added' });
    expect(changes).toContainEqual({ path: 'ressources/x.md/y.md', change: 'renamed', from: 'ressources/x.md' });
    expect(changes.some((c) => c.path.includes('\\'))).toBe(false);
    expect(changes.some((c) => c.path.startsWith('vendor/'))).toBe(false);
    const touched = viaGit.flatMap((r) => r.touched);
    expect(touched).toContainEqual({ visibility: 'equipe', groups: [groupKey(groupName)] });
    expect(touched).toContainEqual({ visibility: 'equipe', groups: [groupKey('Atelier')] });
    const merge = viaGit.find((r) => r.version.message === 'Fusion réconciliée');
    expect(merge?.changes).toEqual([{ path: 'accueil.md', change: 'modified' }]);
    const handMade = viaGit.find((r) => r.version.author === 'Zoé Ça ');
    expect(handMade?.version.message).toBe('Caf\uFFFD cr\uFFFDme');
    expect(handMade?.coAuthors).toEqual([{ name: 'Bob Durand', email: 'bob@example.org' }]);
  });

  it('goes on from known commits, as a build resumed from its cache file', async () => {
    const known = new Map(viaIsomorphic.slice(0, 9).map((r) => [r.oid, r.tree]));
    const rest: NewCommitRecord[] = [];
    await buildHistoryRecordsWithGit({ dir, head, knownTrees: known, onBatch: (batch) => void rest.push(...batch) });
    expect(rest).toEqual(viaIsomorphic.slice(9));
  });

  it('gives an index equal to the isomorphic-git one, in a worker or inline, and says nothing', async () => {
    const warnings = vi.spyOn(console, 'warn');
    const viaGit = createHistoryIndex({ dir, workerAfterCommits: 0 });
    const viaGitInline = createHistoryIndex({ dir, worker: false });
    const viaIsomorphicIndex = createHistoryIndex({ dir, git: false, worker: false });
    const [a, b, c] = [await viaGit.refresh(), await viaGitInline.refresh(), await viaIsomorphicIndex.refresh()];
    expect(warnings).not.toHaveBeenCalled();
    warnings.mockRestore();
    expect(a).toEqual(c);
    expect(b).toEqual(c);
    expect(view(viaGit)).toEqual(view(viaIsomorphicIndex));
    expect(view(viaGitInline)).toEqual(view(viaIsomorphicIndex));
  });

  it('hides a group’s commit message from the team outside the group, read through git', async () => {
    const history = createHistoryIndex({ dir, worker: false });
    await history.refresh();
    const team: Viewer = { ...anonymous, role: 'equipe' };
    // The commit touched a page of the `Atelier` group too: its message is for members of both.
    const member: Viewer = { ...team, groups: [groupKey('Atelier'), groupKey(groupName)].sort() };
    const halfMember: Viewer = { ...team, groups: [groupKey(groupName)] };
    const messages = (viewer: Viewer) => history.historyOf('accompagnement/suivi.md').map((v) => toVersionInfo(v, viewer).message);
    expect(messages(member)).toContain('Suivi de Madame Z');
    expect(messages(team)).not.toContain('Suivi de Madame Z');
    expect(messages(halfMember)).not.toContain('Suivi de Madame Z');
    expect(messages(anonymous)).not.toContain('Suivi de Madame Z');
  });
});

describe('without a working git', () => {
  it('builds the same history with isomorphic-git and says so once, in French', async () => {
    const failing = path.join(root, 'git-en-panne');
    fs.writeFileSync(failing, '#!/bin/sh\necho "fatal: en panne" >&2\nexit 128\n', { mode: 0o755 });
    const expected = view(await refreshed(createHistoryIndex({ dir, git: false, worker: false })));
    // Missing, in the worker thread; failing (another owner, not a repository), inline.
    for (const [git, worker] of [[path.join(root, 'pas-de-git'), true], [failing, false]] as const) {
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const history = createHistoryIndex({ dir, git, worker, workerAfterCommits: 0 });
      await history.refresh();
      expect(view(history)).toEqual(expected);
      expect(warnings).toHaveBeenCalledTimes(1);
      expect(String(warnings.mock.calls[0]?.[0])).toMatch(/isomorphic-git/);
      warnings.mockRestore();
    }
    const result = await buildHistoryFirstTime({ dir, head, git: path.join(root, 'pas-de-git'), worker: false, onFallback: () => undefined });
    expect(result).toEqual({ commits: viaIsomorphic.length, reader: 'isomorphic' });
  });
});

async function refreshed(history: HistoryIndex): Promise<HistoryIndex> {
  await history.refresh();
  return history;
}
