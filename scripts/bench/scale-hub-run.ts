/**
 * The hub's side of the scale benchmark: a cold start on a fresh data folder (first page, the
 * first 2,000 page views, search ready), the warm loads, a restart on the unchanged repository,
 * then commits made in a terminal. Every load comes from the separate load client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliCommitFile } from './history-repo.ts';
import { percentile } from './measure.ts';
import type { LoadClient } from './scale-load.ts';
import { spawnHub, type SpawnedHub } from './scale-hub.ts';
import type { RssPeaks } from './scale-rss.ts';
import type { CommitFigures, ScaleFigures } from './scale-rows.ts';
import { attempt, type Outcome } from './scale-table.ts';

/** Options of `benchHub`. */
export interface BenchHubOptions {
  site: string;
  contentDir: string;
  /** Wiki page paths (`/wiki/…`) of public pages, distinct. */
  pagePaths: string[];
  /** `/recherche?q=…` paths. */
  searchPaths: string[];
  client: LoadClient;
  logFile: string;
  /** Longest wait for a start, a search build or a load. */
  timeoutMs: number;
  /** Number of requests of a warm load. */
  warmTotal: number;
  say: (line: string) => void;
}

/** The figures the hub's part measures. */
export const hubFigureNames = ['home', 'warm', 'warm10', 'afterStart', 'search', 'commit', 'firstPageCold', 'firstPageRestart', 'searchReadyCold', 'searchReadyRestart', 'memory'] as const;
/** The hub's part of the figures. */
export type HubFigures = Pick<ScaleFigures, (typeof hubFigureNames)[number]>;

const noHub = (reason: string): Outcome<never> => ({ ok: false, reason });

/** Commits `count` new public pages with the git CLI; times each from the commit done to the page served. */
async function terminalCommits({ hub, contentDir, count }: { hub: SpawnedHub; contentDir: string; count: number }): Promise<CommitFigures> {
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    const file = `ressources/banc-terminal-${k}.md`;
    await cliCommitFile(contentDir, file, `---\ntitle: Fiche du terminal ${k}\ntype: ressource\nvisibility: public\n---\n\nÉcrite au terminal.\n`, `Fiche ${k} ajoutée au terminal`);
    const t = performance.now();
    for (;;) {
      const res = await fetch(`${hub.url}/wiki/ressources/banc-terminal-${k}`);
      await res.arrayBuffer();
      if (res.status === 200) break;
      if (performance.now() - t > 60_000) throw new Error(`page du commit ${k} non servie après 60 s (HTTP ${res.status})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - t);
    // Apart enough that each commit is seen on its own.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { medianMs: percentile(times, 50), maxMs: Math.max(...times), count };
}

const maxPeaks = (a: RssPeaks, b: RssPeaks): RssPeaks => ({ own: Math.max(a.own, b.own), tree: Math.max(a.tree, b.tree), samples: a.samples + b.samples });

/** Runs the hub's part; a failing step fails its rows, the next steps still run when they can. */
export async function benchHub(o: BenchHubOptions): Promise<HubFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-scale-data-'));
  const deadlineMs = Math.min(o.timeoutMs, 120_000);
  const load = (paths: string[], total: number, concurrency: number) => attempt(() => o.client.run({ base: cold.url, paths, total, concurrency, deadlineMs }));
  const cold = await spawnHub({ site: o.site, contentDir: o.contentDir, dataDir, logFile: o.logFile, timeoutMs: o.timeoutMs });
  try {
    o.say('hub : démarrage à froid…');
    const firstPageCold = await attempt(() => cold.firstPage);
    const afterStart = firstPageCold.ok ? await load(o.pagePaths, 2000, 50) : firstPageCold;
    const searchReadyCold = await attempt(() => cold.searchReady);
    o.say('hub : charges à chaud…');
    const ready = searchReadyCold.ok;
    const warm = searchReadyCold.ok ? await load(o.pagePaths, o.warmTotal, 50) : noHub(`recherche jamais prête (${searchReadyCold.reason})`);
    const warm10 = ready ? await load(o.pagePaths, Math.min(o.warmTotal, 2000), 10) : warm;
    const home = ready ? await load(['/'], Math.min(o.warmTotal, 2000), 50) : warm;
    const search = ready ? await load(o.searchPaths, 1000, 10) : warm;
    const coldPeaks = await cold.stop();

    o.say('hub : redémarrage sur le même dépôt…');
    const again = await spawnHub({ site: o.site, contentDir: o.contentDir, dataDir, logFile: o.logFile, timeoutMs: o.timeoutMs });
    try {
      const firstPageRestart = await attempt(() => again.firstPage);
      const searchReadyRestart = await attempt(() => again.searchReady);
      o.say('hub : commits au terminal…');
      const commit = firstPageRestart.ok ? await attempt(() => terminalCommits({ hub: again, contentDir: o.contentDir, count: 5 })) : firstPageRestart;
      const memory = maxPeaks(coldPeaks, await again.stop());
      return { home, warm, warm10, afterStart, search, commit, firstPageCold, firstPageRestart, searchReadyCold, searchReadyRestart, memory: { ok: true, value: memory } };
    } finally {
      await again.stop();
    }
  } finally {
    await cold.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
