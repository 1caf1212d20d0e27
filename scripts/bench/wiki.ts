/** Wiki benchmark: start-up, search build, page latency under load, commit → served → searchable. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGare } from '../../server/main.ts';
import { generateCorpus, gitCommitFile } from './corpus.ts';
import { load, ms, percentile, until } from './measure.ts';
import { benchPathological, type PathologicalFigures } from './pathological.ts';

/** Figures of one corpus size. */
export interface WikiFigures {
  pages: number;
  startupToFirstPageMs: number;
  searchBuildMs: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  commitToServedMs: number;
  commitToSearchableMs: number;
  /** Views of a 195 kB page of `[` beside an ordinary page (issue 9). */
  pathological: PathologicalFigures;
}

/** Runs the wiki benchmark on a generated corpus of `count` pages. */
export async function benchWiki({ count, root }: { count: number; root: string }): Promise<WikiFigures> {
  const contentDir = await generateCorpus(count);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-data-'));
  const config = { port: 0, host: '127.0.0.1', dataDir, contentDir, seedContent: false, publicUrl: undefined, remote: undefined };
  const t0 = performance.now();
  const gare = await startGare({ config, root });
  const home = await fetch(gare.url + '/');
  if (home.status !== 200) throw new Error(`home answered ${home.status}`);
  const startupToFirstPageMs = performance.now() - t0;
  await gare.hub.search.ready;
  const searchBuildMs = performance.now() - t0;

  const pages = gare.hub.index.all().filter((p) => p.meta.visibility === 'public');
  const started = performance.now();
  const total = 2000;
  const latencies = await load(total, 50, async (i) => {
    const page = pages[(i * 7919) % pages.length]!;
    const res = await fetch(gare.url + page.url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${page.url} answered ${res.status}`);
  });
  const requestsPerSecond = total / ((performance.now() - started) / 1000);

  const rel = 'ressources/nouvelle-fiche-du-banc.md';
  const word = `zephyrin${count}`;
  await writeFile(path.join(contentDir, rel), `---\ntitle: Nouvelle fiche du banc\ntype: ressource\n---\n\nUn mot rare : ${word}.\n`);
  const tc = performance.now();
  gitCommitFile(contentDir, 'Fiche ajoutée au terminal');
  const commitToServedMs = (await until(async () => (await fetch(gare.url + '/wiki/ressources/nouvelle-fiche-du-banc')).status === 200));
  const manifest = path.join(gare.hub.search.dirFor('public')!, 'manifest.json');
  await until(async () => (await readFile(manifest, 'utf8').catch(() => '')).includes('/wiki/ressources/nouvelle-fiche-du-banc'));
  const commitToSearchableMs = performance.now() - tc;

  const pathological = await benchPathological({ url: gare.url, contentDir, ordinaryUrl: pages[0]!.url });

  await gare.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(contentDir, { recursive: true, force: true });
  return {
    pages: count,
    startupToFirstPageMs,
    searchBuildMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    requestsPerSecond,
    commitToServedMs,
    commitToSearchableMs,
    pathological,
  };
}

/** Prints the figures as a table. */
export function printWiki(rows: WikiFigures[]): void {
  console.log('\n## Wiki (issue 2)\n');
  console.log('| pages | start → first page | search index built | p50 (50 concurrent) | p99 | req/s | commit → page served | commit → searchable |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.pages} | ${ms(r.startupToFirstPageMs)} | ${ms(r.searchBuildMs)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.commitToServedMs)} | ${ms(r.commitToSearchableMs)} |`);
  }
  console.log('\n### A 195 kB page of `[` (issue 9)\n');
  console.log('| pages | first view (renders once) | later view | ordinary page, same run |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.pages} | ${ms(r.pathological.firstViewMs)} | ${ms(r.pathological.viewMs)} | ${ms(r.pathological.ordinaryViewMs)} |`);
}
