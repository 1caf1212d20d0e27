import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { buildHistoryRecords, type NewCommitRecord } from '../../server/git/history-build.ts';
import { saveHistorySnapshot } from '../../server/git/history-cache.ts';
import { createHistoryIndex, type HistoryIndex } from '../../server/git/history-index.ts';
import { gitEnv, gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from './helpers.ts';

const lines = (name: string) => Array.from({ length: 12 }, (_, i) => `Ligne ${i} de ${name}.`).join('\n') + '\n';
let root: string;
let dir: string;
let paths: string[];

beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'accueil.md': 'Bienvenue.\n', 'ressources/visio.md': lines('visio'), 'equipe/notes.md': lines('notes') });
  let minute = 0;
  const commit = (message: string) => gitSync(dir, ['commit', '-qam', message], gitEnv(`2026-04-01T10:${String(minute++).padStart(2, '0')}:00Z`));
  for (let i = 0; i < 8; i++) {
    await writeFile(dir, `ressources/fiche-${i}.md`, lines(`fiche ${i}`));
    gitSync(dir, ['add', '-A']);
    commit(`Fiche ${i}`);
  }
  gitSync(dir, ['mv', 'ressources/visio.md', 'ressources/visioconference.md']);
  commit('Renomme la visio');
  gitSync(dir, ['rm', '-q', 'ressources/fiche-3.md']);
  commit('Supprime la fiche 3');
  gitSync(dir, ['checkout', '-qb', 'branche']);
  await writeFile(dir, 'equipe/notes.md', lines('notes sur la branche'));
  commit('Notes sur la branche');
  gitSync(dir, ['checkout', '-q', 'main']);
  await writeFile(dir, 'accueil.md', 'Bienvenue à toutes et tous.\n');
  commit('Accueil');
  gitSync(dir, ['merge', '-q', '--no-edit', 'branche'], gitEnv('2026-04-01T11:00:00Z'));
  paths = gitSync(dir, ['log', '--all', '--name-only', '--format=']).split('\n').filter(Boolean);
});
afterAll(() => removeDir(root));

function view(history: HistoryIndex) {
  return {
    head: history.head(),
    recent: history.recentChanges({ limit: 100 }),
    files: [...new Set(paths)].sort().map((p) => [p, history.historyOf(p), history.authorsOf(p)]),
  };
}

describe('the history built in a worker thread', () => {
  it('equals the history built inline, with renames, merges and deletions', async () => {
    // The worker failing would fall back inline (and say so): the comparison must be with a real worker.
    const errors = vi.spyOn(console, 'error');
    // The isomorphic-git reader in both (git's own reader is compared in history-readers.test.ts).
    const inWorker = createHistoryIndex({ dir, workerAfterCommits: 0, git: false });
    const inline = createHistoryIndex({ dir, worker: false, git: false });
    const [a, b] = [await inWorker.refresh(), await inline.refresh()];
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(a.changedPaths.sort()).toEqual(b.changedPaths.sort());
    expect(view(inWorker)).toEqual(view(inline));
    expect(inWorker.historyOf('ressources/visioconference.md').map((v) => v.change)).toEqual(['renamed', 'added']);
    expect(inWorker.recentChanges({ limit: 100 }).length).toBeGreaterThan(12);
  });

  it('resumes from a cache file written after a batch, as one left by a crash mid-build', async () => {
    const head = gitSync(dir, ['rev-parse', 'HEAD']);
    const records: NewCommitRecord[] = [];
    await buildHistoryRecords({ dir, head, knownTrees: new Map(), batchSize: 5, onBatch: (batch) => void records.push(...batch) });
    // The first batch alone, its last commit as head: what the index saves while a build goes on.
    const prefix = records.slice(0, 5).map((record, seq) => ({ ...record, seq }));
    const file = path.join(root, 'history-cache.json');
    await saveHistorySnapshot(file, { head: (prefix.at(-1) as NewCommitRecord).oid, records: prefix });
    const resumed = createHistoryIndex({ dir, cacheFile: file, worker: false });
    await resumed.refresh();
    const inline = createHistoryIndex({ dir, worker: false, git: false });
    await inline.refresh();
    expect(view(resumed)).toEqual(view(inline));
  });
});
