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

  const waitFor = async (done: () => boolean): Promise<void> => {
    const started = Date.now();
    while (!done() && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
  };

  it('hears a terminal commit from the refs without waiting for the poll', async () => {
    const seen: Array<string | undefined> = [];
    // A minute between polls: only a ref event can bring the commit within the test.
    const watcher = watchRepo({ dir, intervalMs: 60_000, onChange: (head) => void seen.push(head) });
    try {
      await watcher.ready;
      expect(watcher.watching()).toBe(true);
      await writeFile(dir, 'accueil.md', 'Bienvenue, vu par la surveillance.\n');
      await gitRun(dir, ['commit', '-qam', 'Depuis le terminal']);
      await waitFor(() => seen.length > 0);
      expect(seen).toEqual([gitSync(dir, ['rev-parse', 'HEAD'])]);
    } finally {
      watcher.close();
    }
  });

  it('hears a commit on a branch checked out in a subfolder of refs/heads', async () => {
    gitSync(dir, ['checkout', '-qb', 'equipe/brouillon']);
    const seen: Array<string | undefined> = [];
    const watcher = watchRepo({ dir, intervalMs: 60_000, onChange: (head) => void seen.push(head) });
    try {
      await watcher.ready;
      await writeFile(dir, 'accueil.md', 'Sur une branche.\n');
      await gitRun(dir, ['commit', '-qam', 'Sur la branche']);
      await waitFor(() => seen.length > 0);
      expect(seen).toEqual([gitSync(dir, ['rev-parse', 'HEAD'])]);
    } finally {
      watcher.close();
    }
  });

  it('ends a burst of commits on the last one', async () => {
    const seen: Array<string | undefined> = [];
    const watcher = watchRepo({ dir, intervalMs: 60_000, onChange: (head) => void seen.push(head) });
    try {
      await watcher.ready;
      for (let i = 0; i < 5; i++) {
        await writeFile(dir, 'accueil.md', `Version ${i}.\n`);
        await gitRun(dir, ['commit', '-qam', `Version ${i}`]);
      }
      const head = gitSync(dir, ['rev-parse', 'HEAD']);
      await waitFor(() => seen.at(-1) === head);
      expect(seen.at(-1)).toBe(head);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      watcher.close();
    }
  });

  it('falls back to polling when fs.watch is unavailable', async () => {
    const seen: Array<string | undefined> = [];
    const watch = (() => {
      throw Object.assign(new Error('ENOSYS: watch unavailable'), { code: 'ENOSYS' });
    }) as unknown as typeof import('node:fs').watch;
    const watcher = watchRepo({ dir, watch, fallbackIntervalMs: 50, onChange: (head) => void seen.push(head) });
    try {
      await watcher.ready;
      expect(watcher.watching()).toBe(false);
      await writeFile(dir, 'accueil.md', 'Sans surveillance du système.\n');
      await gitRun(dir, ['commit', '-qam', 'Par sondage']);
      await waitFor(() => seen.length > 0);
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
