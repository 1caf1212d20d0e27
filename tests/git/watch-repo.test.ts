import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHeadOid, watchRepo } from '../../server/git/watch-repo.ts';
import { gitRun, gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from './helpers.ts';

describe('watchRepo', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'accueil.md': 'Bienvenue.\n' });
  });
  afterEach(() => removeDir(root));

  it('notices within a second a commit made with git in a terminal', async () => {
    const seen: Array<string | undefined> = [];
    const watcher = watchRepo({ dir, intervalMs: 100, onChange: (head) => void seen.push(head) });
    try {
      await watcher.ready;
      await writeFile(dir, 'accueil.md', 'Bienvenue, modifié au terminal.\n');
      await gitRun(dir, ['commit', '-qam', 'Depuis le terminal']);
      const started = Date.now();
      while (seen.length === 0 && Date.now() - started < 1000) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([gitSync(dir, ['rev-parse', 'HEAD'])]);
    } finally {
      watcher.close();
    }
  });

  it('stays quiet while nothing is committed, even if files are edited', async () => {
    const seen: Array<string | undefined> = [];
    const watcher = watchRepo({ dir, intervalMs: 50, onChange: (head) => void seen.push(head) });
    await watcher.ready;
    await writeFile(dir, 'accueil.md', 'Brouillon non commité.\n');
    await new Promise((r) => setTimeout(r, 250));
    watcher.close();
    expect(seen).toEqual([]);
  });

  it('reads HEAD from packed-refs after git gc', async () => {
    const head = gitSync(dir, ['rev-parse', 'HEAD']);
    gitSync(dir, ['pack-refs', '--all']);
    expect(await readHeadOid(dir)).toBe(head);
  });
});
