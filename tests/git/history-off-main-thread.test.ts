import dc from 'node:diagnostics_channel';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadHistorySnapshot } from '../../server/git/history-cache.ts';
import { createHistoryIndex, type HistoryIndex } from '../../server/git/history-index.ts';
import { createOddHistoryRepo, oddNames } from './history-fixture.ts';
import { gitSync, makeTempDir, removeDir } from './helpers.ts';

let root: string;
let dir: string;
let paths: string[];
let expected: ReturnType<typeof view>;

beforeAll(async () => {
  root = await makeTempDir();
  dir = await createOddHistoryRepo(root);
  paths = gitSync(dir, ['-c', 'core.quotepath=off', 'log', '--all', '-z', '--name-only', '--format=']).split(/[\0\n]/).filter(Boolean);
  const reference = createHistoryIndex({ dir, git: false, worker: false });
  await reference.refresh();
  expected = view(reference);
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

/** Counts the processes started from this thread (a worker thread's do not reach this channel). */
function countForks() {
  let forks = 0;
  const listener = (): void => void forks++;
  dc.subscribe('child_process', listener);
  return { count: () => forks, stop: () => dc.unsubscribe('child_process', listener) };
}

describe('a first history build through git', () => {
  it('forks nothing on the server’s thread, and gives the isomorphic-git records', async () => {
    const cacheFile = path.join(root, 'history-cache.json');
    const warnings = vi.spyOn(console, 'warn');
    const forks = countForks();
    try {
      const history = createHistoryIndex({ dir, cacheFile, workerAfterCommits: 0 });
      await history.refresh();
      await history.save();
      expect(forks.count()).toBe(0);
      expect(view(history)).toEqual(expected);
    } finally {
      forks.stop();
    }
    expect(warnings).not.toHaveBeenCalled();
    warnings.mockRestore();
    // The worker's batches went to the cache file as they came: a restart reads them back whole.
    const restarted = createHistoryIndex({ dir, cacheFile, git: false });
    await restarted.refresh();
    expect(view(restarted)).toEqual(expected);
  });

  it('forks nothing on the server’s thread for a short history either (isomorphic-git reads it here)', async () => {
    const forks = countForks();
    try {
      const history = createHistoryIndex({ dir, workerAfterCommits: 1000 });
      await history.refresh();
      expect(forks.count()).toBe(0);
      expect(view(history)).toEqual(expected);
    } finally {
      forks.stop();
    }
  });

  it('builds a short history of a head with many files in the worker too (a one-commit import reads every file)', async () => {
    const forks = countForks();
    try {
      const history = createHistoryIndex({ dir, workerAfterCommits: 1000, workerAfterFiles: 5 });
      await history.refresh();
      expect(forks.count()).toBe(0);
      expect(view(history)).toEqual(expected);
    } finally {
      forks.stop();
    }
  });

  it('reads back a cache file cut short in a batch, up to its last complete batch', async () => {
    const cacheFile = path.join(root, 'history-cache.json');
    const whole = await loadHistorySnapshot(cacheFile);
    expect(whole?.head).toBe(expected.head);
    // A crash while a batch was appended: its records are there, its head line and the end of a record are not.
    fs.appendFileSync(cacheFile, `${JSON.stringify({ oid: 'a'.repeat(40), tree: 'b'.repeat(40) })}\n{"oid":"c`);
    expect(await loadHistorySnapshot(cacheFile)).toEqual(whole);
  });
});
