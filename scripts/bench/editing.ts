/**
 * Editing benchmark (issue 3): a repository with 10,000 commits (2,000 with --quick); the git
 * layer alone (history index, commit queue vs git CLI), then the hub over HTTP (saves, history).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGare } from '../../server/main.ts';
import { benchGitLayer, type GitLayerFigures } from './editing-git.ts';
import { concurrentSaves, pageTimes, sequentialSaves, signInAdmin, type Spread } from './editing-http.ts';
import { generateHistoryRepo } from './history-repo.ts';
import { ms } from './measure.ts';

/** Figures of the editing benchmark. */
export interface EditingFigures extends GitLayerFigures {
  commits: number;
  pages: number;
  generateMs: number;
  hubStartMs: number;
  historyReadyMs: number;
  sequential: Spread;
  concurrent: Spread;
  concurrency: number;
  historyPageBusy: Spread | number;
  historyPageQuiet: Spread | number;
  historyApiBusy: Spread | number;
}

/** Runs the editing benchmark; removes its repository and hub data even on failure. */
export async function benchEditing({ root, quick }: { root: string; quick: boolean }): Promise<EditingFigures> {
  const commits = quick ? 2000 : 10_000;
  const pages = 500;
  let t = performance.now();
  const repo = await generateHistoryRepo({ commits, pages });
  const generateMs = performance.now() - t;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-editing-'));
  try {
    const gitFigures = await benchGitLayer({ repo, runs: quick ? 10 : 30 });
    const config = { port: 0, host: '127.0.0.1', dataDir, contentDir: repo.dir, seedContent: false, publicUrl: undefined, remote: undefined };
    t = performance.now();
    const gare = await startGare({ config, root });
    try {
      const home = await fetch(gare.url + '/');
      if (home.status !== 200) throw new Error(`home answered ${home.status}`);
      const hubStartMs = performance.now() - t;
      // The history is built behind the first page; versions and authors need it.
      await gare.hub.historyReady;
      const historyReadyMs = performance.now() - t;
      // Saves wait for the search index; its first build would otherwise compete with them.
      await gare.hub.search.ready;
      const who = await signInAdmin(gare);
      const options = { gare, who };
      const concurrency = 20;
      const files = Array.from({ length: concurrency }, (_, i) => `tutoriels/page-${6 + i * 5}.md`);
      const sequential = await sequentialSaves({ ...options, file: 'comptes-rendus/page-2.md', count: quick ? 30 : 100 });
      const concurrent = await concurrentSaves({ ...options, files, rounds: quick ? 2 : 5 });
      const tail = (file: string): string => gare.hub.index.get(file)?.url.replace(/^\/wiki/, '') ?? '';
      const count = quick ? 5 : 20;
      return {
        ...gitFigures,
        commits,
        pages,
        generateMs,
        hubStartMs,
        historyReadyMs,
        sequential,
        concurrent,
        concurrency,
        historyPageBusy: await pageTimes({ ...options, url: `/historique${tail(repo.busyPage)}`, count }),
        historyPageQuiet: await pageTimes({ ...options, url: `/historique${tail(repo.quietPage)}`, count }),
        historyApiBusy: await pageTimes({ ...options, url: `/api/pages/history?path=${encodeURIComponent(repo.busyPage)}`, count }),
      };
    } finally {
      await gare.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo.dir, { recursive: true, force: true });
  }
}

const spreadCell = (s: Spread | number): string => (typeof s === 'number' ? `HTTP ${s}` : `${ms(s.p50Ms)} / ${ms(s.p99Ms)}`);

/** Prints the figures as tables. */
export function printEditing(rows: EditingFigures[]): void {
  console.log('\n## Editing (issue 3)\n');
  console.log('| commits | pages | fast-import | history index: first build (CPU) | from cache file (cache size) | incremental refresh (2 × commits below) | historyOf busy page (versions) | historyOf ordinary page | one-file commit: hub queue p50 / p99 | git CLI add + commit p50 / p99 | tree clean |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.commits} | ${r.pages} | ${ms(r.generateMs)} | ${ms(r.historyBuildMs)} (${ms(r.historyBuildCpuMs)}) | ${ms(r.historyFromCacheMs)} (${(r.cacheFileKb / 1024).toFixed(1)} Mo) | ${ms(r.historyIncrementalMs)} | ${(r.historyOfBusyMs * 1000).toFixed(0)} µs (${r.busyVersions}) | ${(r.historyOfQuietMs * 1000).toFixed(0)} µs | ${ms(r.queueCommitP50Ms)} / ${ms(r.queueCommitP99Ms)} | ${ms(r.cliCommitP50Ms)} / ${ms(r.cliCommitP99Ms)} | ${r.clean ? 'yes' : 'NO'} |`,
    );
  }
  console.log('\n| commits | hub start → first page (no cache) | history ready (no cache) | save → page served, sequential p50 / p99 (n) | same, concurrent p50 / p99 (n) | /historique busy page p50 / p99 | /historique ordinary page | /api/pages/history busy page |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.commits} | ${ms(r.hubStartMs)} | ${ms(r.historyReadyMs)} | ${spreadCell(r.sequential)} (${r.sequential.count}) | ${spreadCell(r.concurrent)} (${r.concurrent.count}, ${r.concurrency} at once) | ${spreadCell(r.historyPageBusy)} | ${spreadCell(r.historyPageQuiet)} | ${spreadCell(r.historyApiBusy)} |`,
    );
  }
  console.log('\nSaves go through POST /api/pages/save as a logged-in person; the time runs until GET of the page shows the new line. Concurrent saves edit different pages. The git CLI commits the same kind of one-file edit in the same repository.');
}
