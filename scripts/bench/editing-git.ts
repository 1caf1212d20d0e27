/**
 * The git layer alone, on a repository with a long history: history index built from scratch and
 * from its cache file, `historyOf`, and one-file commits by the hub's queue against the git CLI.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { cliCommitFile, git, type HistoryRepo } from './history-repo.ts';
import { percentile } from './measure.ts';

/** Figures of the git layer. */
export interface GitLayerFigures {
  /** First `refresh()` over the whole history: wall time and CPU time of this process. */
  historyBuildMs: number;
  historyBuildCpuMs: number;
  /** Size of the cache file written after the first build. */
  cacheFileKb: number;
  /** A restarted index reading the cache file. */
  historyFromCacheMs: number;
  /** Refresh of the first index after the `2 × runs` commits below. */
  historyIncrementalMs: number;
  /** `historyOf` of the busiest page, and its number of versions. */
  historyOfBusyMs: number;
  busyVersions: number;
  /** `historyOf` of an ordinary page. */
  historyOfQuietMs: number;
  /** One-file commit through the hub's commit queue (isomorphic-git), p50 and p99. */
  queueCommitP50Ms: number;
  queueCommitP99Ms: number;
  /** The same through `git add` + `git commit`, p50 and p99. */
  cliCommitP50Ms: number;
  cliCommitP99Ms: number;
  /** The working tree is clean after both kinds of commit (the queue keeps the index right). */
  clean: boolean;
}

/** Median time of `fn` over `runs` calls (it is sub-millisecond: one call says nothing). */
function medianOf(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

/** Measures the git layer on `repo`, committing `runs` edits with each tool. */
export async function benchGitLayer({ repo, runs }: { repo: HistoryRepo; runs: number }): Promise<GitLayerFigures> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-history-cache-'));
  try {
    const cacheFile = path.join(cacheDir, 'history-cache.json');
    let t = performance.now();
    const cpu = process.cpuUsage();
    const index = createHistoryIndex({ dir: repo.dir, cacheFile });
    await index.refresh();
    const historyBuildMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cacheFileKb = (await readFile(cacheFile)).byteLength / 1024;
    t = performance.now();
    await createHistoryIndex({ dir: repo.dir, cacheFile }).refresh();
    const historyFromCacheMs = performance.now() - t;

    const queue = createCommitQueue({ dir: repo.dir, now: () => new Date() });
    const queueTimes: number[] = [];
    const cliTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Ordinary pages (not the busy one), kept valid: the hub serves this repository next.
      const file = `ressources/page-${5 + ((i * 5) % 490)}.md`;
      const text = await readFile(path.join(repo.dir, file), 'utf8');
      t = performance.now();
      await queue.commitFiles({ changes: [{ path: file, content: `${text}\nÉcrit par le hub (${i}).\n` }], author: { name: 'Alice', email: 'alice@exemple.org' }, message: `Hub ${i}` });
      queueTimes.push(performance.now() - t);
      t = performance.now();
      await cliCommitFile(repo.dir, file, `${text}\nÉcrit au terminal (${i}).\n`, `Terminal ${i}`);
      cliTimes.push(performance.now() - t);
    }
    t = performance.now();
    await index.refresh();
    const historyIncrementalMs = performance.now() - t;
    return {
      historyBuildMs,
      historyIncrementalMs,
      historyBuildCpuMs: (used.user + used.system) / 1000,
      cacheFileKb,
      historyFromCacheMs,
      historyOfBusyMs: medianOf(50, () => index.historyOf(repo.busyPage)),
      busyVersions: index.historyOf(repo.busyPage).length,
      historyOfQuietMs: medianOf(50, () => index.historyOf(repo.quietPage)),
      queueCommitP50Ms: percentile(queueTimes, 50),
      queueCommitP99Ms: percentile(queueTimes, 99),
      cliCommitP50Ms: percentile(cliTimes, 50),
      cliCommitP99Ms: percentile(cliTimes, 99),
      clean: git(repo.dir, ['status', '--porcelain']) === '',
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
