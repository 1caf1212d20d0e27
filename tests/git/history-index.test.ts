import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { fixedClock, gitEnv, gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from './helpers.ts';

const alice = { name: 'Alice Martin', email: 'alice@example.org' };
const bob = { name: 'Bob Durand', email: 'bob@example.org' };
const longPage = Array.from({ length: 10 }, (_, i) => `Ligne ${i} de la fiche.`).join('\n') + '\n';

describe('createHistoryIndex', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'accueil.md': 'Bienvenue.\n', 'ressources/visio.md': longPage }, fixedClock('2026-01-01T00:00:00Z'));
  });
  afterEach(() => removeDir(root));

  it('lists every file on first refresh and knows who created each page', async () => {
    const index = createHistoryIndex({ dir });
    const { changedPaths, head } = await index.refresh();
    expect(changedPaths.sort()).toEqual(['accueil.md', 'ressources/visio.md']);
    expect(head).toBe(gitSync(dir, ['rev-parse', 'HEAD']));
    expect(index.historyOf('accueil.md')).toMatchObject([
      { author: 'Gare centrale', email: 'gare@localhost', message: 'Wiki d’exemple', change: 'added', date: '2026-01-01T00:01:00.000Z' },
    ]);
    expect(index.createdAt('accueil.md')).toBe('2026-01-01T00:01:00.000Z');
  });

  it('sees on refresh a commit made with git in a terminal, and only what it changed', async () => {
    const index = createHistoryIndex({ dir });
    await index.refresh();
    await writeFile(dir, 'accueil.md', 'Bienvenue à toutes et tous.\n');
    gitSync(dir, ['commit', '-qam', 'Accueil plus inclusif']);
    const { changedPaths, head } = await index.refresh();
    expect(changedPaths).toEqual(['accueil.md']);
    expect(head).toBe(gitSync(dir, ['rev-parse', 'HEAD']));
    expect(index.historyOf('accueil.md').map((v) => [v.author, v.message])).toEqual([
      ['Terminal Tess', 'Accueil plus inclusif'],
      ['Gare centrale', 'Wiki d’exemple'],
    ]);
    expect(index.updatedAt('accueil.md')).toBe('2026-03-12T10:00:00.000Z');
    expect(await index.refresh()).toEqual({ changedPaths: [], head, from: head });
  });

  it('counts co-authors of a published pad among the page authors', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    await queue.commitFiles({ changes: [{ path: 'pads/reunion.md', content: 'v1\n' }], author: alice, message: 'Publie', coAuthors: [bob] });
    await queue.commitFiles({ changes: [{ path: 'pads/reunion.md', content: 'v2\n' }], author: alice, message: 'Republie' });
    const index = createHistoryIndex({ dir });
    await index.refresh();
    expect(index.authorsOf('pads/reunion.md')).toEqual([
      { ...alice, commits: 2 },
      { ...bob, commits: 1 },
    ]);
  });

  it('follows a page through a move, even when it was edited on the way', async () => {
    const index = createHistoryIndex({ dir });
    await index.refresh();
    fs.mkdirSync(path.join(dir, 'outils'));
    gitSync(dir, ['mv', 'ressources/visio.md', 'outils/visio.md']);
    gitSync(dir, ['commit', '-qm', 'Range la fiche']);
    fs.renameSync(path.join(dir, 'outils/visio.md'), path.join(dir, 'outils/visioconference.md'));
    await writeFile(dir, 'outils/visioconference.md', longPage.replace('Ligne 3', 'Ligne trois'));
    gitSync(dir, ['add', '-A']);
    gitSync(dir, ['commit', '-qm', 'Renomme et corrige'], gitEnv('2026-03-13T10:00:00Z'));
    await index.refresh();
    const history = index.historyOf('outils/visioconference.md');
    expect(history.map((v) => [v.message, v.change, v.path, v.from])).toEqual([
      ['Renomme et corrige', 'renamed', 'outils/visioconference.md', 'outils/visio.md'],
      ['Range la fiche', 'renamed', 'outils/visio.md', 'ressources/visio.md'],
      ['Wiki d’exemple', 'added', 'ressources/visio.md', undefined],
    ]);
    expect(index.createdAt('outils/visioconference.md')).toBe('2026-01-01T00:01:00.000Z');
    expect(index.recentChanges({ limit: 1 })[0]?.paths).toEqual([
      { path: 'outils/visioconference.md', change: 'renamed', from: 'outils/visio.md' },
    ]);
  });

  it('does not take a rewrite of an unrelated page for a rename', async () => {
    gitSync(dir, ['rm', '-q', 'accueil.md']);
    await writeFile(dir, 'autre.md', 'Tout autre chose.\nVraiment.\n');
    gitSync(dir, ['add', 'autre.md']);
    gitSync(dir, ['commit', '-qm', 'Remplace']);
    const index = createHistoryIndex({ dir });
    await index.refresh();
    expect(index.recentChanges({ limit: 1 })[0]?.paths.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'accueil.md', change: 'deleted' },
      { path: 'autre.md', change: 'added' },
    ]);
  });

  it('keeps branch commits in page history after a merge and credits the merge with nothing it did not decide', async () => {
    const index = createHistoryIndex({ dir });
    await index.refresh();
    gitSync(dir, ['checkout', '-qb', 'autre']);
    await writeFile(dir, 'accueil.md', 'Bienvenue (branche).\n');
    gitSync(dir, ['commit', '-qam', 'Sur la branche'], gitEnv('2026-02-01T00:00:00Z'));
    gitSync(dir, ['checkout', '-q', 'main']);
    await writeFile(dir, 'nouvelle.md', 'Nouvelle.\n');
    gitSync(dir, ['add', 'nouvelle.md']);
    gitSync(dir, ['commit', '-qm', 'Sur main'], gitEnv('2026-02-02T00:00:00Z'));
    gitSync(dir, ['merge', '-q', '--no-edit', 'autre'], gitEnv('2026-02-03T00:00:00Z'));
    const { changedPaths } = await index.refresh();
    expect(changedPaths.sort()).toEqual(['accueil.md', 'nouvelle.md']);
    expect(index.historyOf('accueil.md').map((v) => v.message)).toEqual(['Sur la branche', 'Wiki d’exemple']);
    expect(index.recentChanges({ limit: 10 }).map((c) => c.message)).toEqual(['Sur main', 'Sur la branche', 'Wiki d’exemple']);
  });

  it('rebuilds when history was rewritten', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock('2026-02-01T00:00:00Z') });
    await queue.commitFiles({ changes: [{ path: 'oops.md', content: 'oups\n' }], author: alice, message: 'Oups' });
    const index = createHistoryIndex({ dir });
    await index.refresh();
    expect(index.historyOf('oops.md')).toHaveLength(1);
    gitSync(dir, ['reset', '-q', '--hard', 'HEAD~1']);
    await writeFile(dir, 'bon.md', 'bon\n');
    gitSync(dir, ['add', 'bon.md']);
    gitSync(dir, ['commit', '-qm', 'Bon']);
    const { changedPaths } = await index.refresh();
    expect(changedPaths.sort()).toEqual(['bon.md', 'oops.md']);
    expect(index.historyOf('oops.md')).toEqual([]);
    expect(index.historyOf('bon.md')).toHaveLength(1);
  });

  it('filters recent changes by date and by what the reader may see', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock('2026-02-01T00:00:00Z') });
    await queue.commitFiles({ changes: [{ path: 'equipe/secret.md', content: 's\n' }], author: alice, message: 'Privé' });
    await queue.commitFiles({ changes: [{ path: 'public.md', content: 'p\n' }], author: bob, message: 'Public' });
    const index = createHistoryIndex({ dir });
    await index.refresh();
    const visible = index.recentChanges({ limit: 10, include: (p) => !p.startsWith('equipe/') });
    expect(visible.map((c) => c.message)).toEqual(['Public', 'Wiki d’exemple']);
    expect(index.recentChanges({ limit: 10, since: '2026-02-01T00:00:00Z' }).map((c) => c.message)).toEqual(['Public', 'Privé']);
    expect(index.recentChanges({ limit: 1 }).map((c) => c.author)).toEqual(['Bob Durand']);
  });
});

describe('createHistoryIndex with a cache file', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'accueil.md': 'Bienvenue.\n' }, fixedClock('2026-01-01T00:00:00Z'));
  });
  afterEach(() => removeDir(root));

  it('starts from the saved records after a restart and reads only the new commits', async () => {
    const cacheFile = path.join(dir, '.git', 'gare-history.json');
    const first = createHistoryIndex({ dir, cacheFile });
    await first.refresh();
    await first.save();
    // Tamper with the saved subject: seeing it proves the second index did not re-read that commit.
    const saved = fs.readFileSync(cacheFile, 'utf8');
    expect(saved).toContain('"Wiki d’exemple"');
    fs.writeFileSync(cacheFile, saved.replace('"Wiki d’exemple"', '"Depuis le cache"'));
    await writeFile(dir, 'accueil.md', 'Bienvenue !\n');
    gitSync(dir, ['commit', '-qam', 'Après redémarrage']);
    const second = createHistoryIndex({ dir, cacheFile });
    const { changedPaths } = await second.refresh();
    expect(changedPaths).toEqual(['accueil.md']);
    expect(second.historyOf('accueil.md').map((v) => v.message)).toEqual(['Après redémarrage', 'Depuis le cache']);
  });

  it('ignores a cache file that belongs to another history', async () => {
    const cacheFile = path.join(root, 'history.json');
    fs.writeFileSync(cacheFile, JSON.stringify({ format: 1, head: 'f'.repeat(40), records: [] }));
    const index = createHistoryIndex({ dir, cacheFile });
    await index.refresh();
    expect(index.historyOf('accueil.md').map((v) => v.message)).toEqual(['Wiki d’exemple']);
  });
});
