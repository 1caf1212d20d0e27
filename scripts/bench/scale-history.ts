/**
 * The history row: the hub's history index built from scratch over a repository of `commits`
 * commits (wall time, CPU of all threads, and the longest the main thread was blocked meanwhile),
 * against `git log --name-status` over the same repository.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { eventLoopWork } from '../../tests/helpers/event-loop-work.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { generateHistoryRepo, gitEnv } from './history-repo.ts';
import { percentile } from './measure.ts';
import type { HistoryFigures } from './scale-rows.ts';

/** Time of one `git log --name-status`, its output read to the end. */
function timeGitLog(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('git', ['log', '--name-status'], { cwd: dir, env: gitEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`git log : code ${code}`))));
  });
}

/** Measures the history row on a generated repository (removed afterwards). */
export async function benchHistory({ commits, pages }: { commits: number; pages: number }): Promise<HistoryFigures> {
  const repo = await generateHistoryRepo({ commits, pages });
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-scale-history-'));
  try {
    // Median of three: the first run also warms the file cache the hub then reads from.
    const gitLogMs = percentile([await timeGitLog(repo.dir), await timeGitLog(repo.dir), await timeGitLog(repo.dir)], 50);
    // As in the hub (startGare): node's compile cache on, and the history worker thread follows it through the variable.
    const cache = module.enableCompileCache?.();
    if (cache?.directory) process.env['NODE_COMPILE_CACHE'] ??= cache.directory;
    const cpu = process.cpuUsage();
    const t = performance.now();
    // The longest main-thread CPU stretch between two 5 ms ticks: what held the loop, not the OS's preemption.
    const { stall } = await eventLoopWork(async () => {
      await createHistoryIndex({ dir: repo.dir, cacheFile: path.join(cacheDir, 'history-cache.json') }).refresh();
    });
    const buildMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { commits, gitLogMs, buildMs, cpuMs: (used.user + used.system) / 1000, maxLoopBlockMs: stall };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
    await rm(repo.dir, { recursive: true, force: true });
  }
}
