import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/bench/corpus.ts';
import { crashReason } from '../../../scripts/bench/scale-hub.ts';
import { writeHugoSite } from '../../../scripts/bench/scale-hugo.ts';
import { scaleRows, type ScaleFigures } from '../../../scripts/bench/scale-rows.ts';
import { sampleRss } from '../../../scripts/bench/scale-rss.ts';
import { startStaticServer } from '../../../scripts/bench/scale-static.ts';
import { formatScaleTable } from '../../../scripts/bench/scale-table.ts';
import { which } from '../../../scripts/bench/scale-tools.ts';
import { publicSample, searchQueries } from '../../../scripts/bench/scale.ts';

const load = { p50Ms: 4, p99Ms: 12, maxMs: 30, requestsPerSecond: 9000, count: 2000, asked: 2000, failures: '' };
const ok = <T>(value: T) => ({ ok: true as const, value });

function figures(pages: number, overrides: Partial<ScaleFigures> = {}): ScaleFigures {
  return {
    pages,
    hugo: ok({ hugoMs: 20_000, totalMs: 40_000 }),
    staticLabel: 'nginx',
    staticAfterStart: ok(load),
    staticWarm: ok(load),
    home: ok({ ...load, p99Ms: 2123 }),
    warm: ok(load),
    warm10: ok(load),
    afterStart: ok(load),
    search: ok(load),
    commit: ok({ medianMs: 20, maxMs: 30, count: 5 }),
    firstPageCold: ok(800),
    firstPageRestart: ok(300),
    searchReadyCold: ok(10_000),
    searchReadyRestart: ok(1500),
    memory: ok({ own: 1.2e9, tree: 2.7e9, samples: 40 }),
    history: ok({ commits: 10_000, gitLogMs: 150, buildMs: 600, cpuMs: 900, maxLoopBlockMs: 12 }),
    ...overrides,
  };
}

const rowsOf = (table: string) => table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| figure'));
const cellsOf = (line: string) => line.slice(2, -2).split(' | ');

describe('the scale table', () => {
  it('prints the issue’s columns and one row per figure, each judged against its goal', () => {
    const table = formatScaleTable({ pages: 10_000, rows: scaleRows(figures(10_000)) });
    expect(table).toContain('| figure (10,000 pages unless said) | anchor, same run | now | goal | met? |');
    const rows = rowsOf(table).map(cellsOf);
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row).toHaveLength(5);
    const byFigure = new Map(rows.map((r) => [r[0], r]));
    expect(byFigure.get('home portal, 50 concurrent')?.[4]).toBe('no');
    expect(byFigure.get('wiki page, warm, 50 concurrent')?.[1]).toBe('static file server (nginx): p50 4 / p99 12 ms, 9,000 req/s');
    expect(byFigure.get('start → full search ready (cold)')?.[2]).toBe('10.0 s, ≈ 0.25×');
    expect(byFigure.get('start → full search ready (cold)')?.[4]).toBe('yes');
    // At 10k the memory goals are the 100k ones: not judged.
    expect(byFigure.get('memory: hub peak RSS')?.[4]).toBe('— (goal set at 100k)');
  });

  it('judges memory and the first page against the 100k goals at 100k pages', () => {
    const rows = rowsOf(formatScaleTable({ pages: 100_000, rows: scaleRows(figures(100_000, { firstPageCold: ok(4000) })) })).map(cellsOf);
    const byFigure = new Map(rows.map((r) => [r[0], r]));
    expect(byFigure.get('memory: hub peak RSS')?.[4]).toBe('yes');
    expect(byFigure.get('memory: hub + Pagefind indexers (process tree, summed)')?.[4]).toBe('no');
    expect(byFigure.get('start → first page (cold data dir)')?.slice(3)).toEqual(['< 5 s', 'yes']);
  });

  it('prints a failed anchor as « échec : <raison> » and leaves the ratio unjudged', () => {
    const failed = { ok: false as const, reason: 'hugo : code 1 | sortie' };
    const table = formatScaleTable({ pages: 10_000, rows: scaleRows(figures(10_000, { hugo: failed, warm: ok({ ...load, failures: '3 × 503' }) })) });
    const byFigure = new Map(rowsOf(table).map(cellsOf).map((r) => [r[0], r]));
    expect(byFigure.get('start → full search ready (cold)')?.[1]).toBe('« échec : hugo : code 1 \\| sortie »');
    expect(byFigure.get('start → full search ready (cold)')?.[4]).toBe('— (no anchor)');
    expect(byFigure.get('wiki page, warm, 50 concurrent')?.[4]).toBe('no');
  });

  it('says why a hub crashed from the error line of its output', () => {
    const output = 'file:///x/pad-meta-store.ts:118\n  const greatest = sql.dialect;\n\nTypeError: Cannot read properties of undefined (reading \'dialect\')\n    at createPadMetaStore (file:///x:118:24)\n';
    expect(crashReason(output)).toBe("TypeError: Cannot read properties of undefined (reading 'dialect')");
    expect(crashReason('Gare centrale est prête\n')).toBeUndefined();
  });

  it('samples public pages only, each once', () => {
    const sample = publicSample(1000, 2000);
    expect(sample).toHaveLength(400);
    expect(new Set(sample).size).toBe(400);
    expect(sample.every((p) => /^(ressources|tutoriels)\/page-\d+$/.test(p))).toBe(true);
  });

  it('searches for different things each time', () => {
    expect(new Set(searchQueries(200)).size).toBe(200);
  });
});

describe('memory of a process tree', () => {
  it('sums the resident memory of a child and of the process it starts', async () => {
    // The child holds 60 MB and starts a grandchild that holds 120 MB, both touched so they are resident.
    const hold = (mb: number) => `globalThis.held = Buffer.alloc(${mb} * 1024 * 1024, 1); setInterval(() => {}, 1000);`;
    const script = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(hold(120))}], { stdio: 'inherit' }); ${hold(60)}`;
    // Its own process group, so both end together below.
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore', detached: true });
    const sampler = sampleRss(child.pid ?? 0);
    try {
      await expect.poll(() => sampler.peaks().tree, { timeout: 20_000, interval: 100 }).toBeGreaterThan(180 * 1024 * 1024);
      const peaks = sampler.peaks();
      expect(peaks.own).toBeGreaterThan(60 * 1024 * 1024);
      expect(peaks.own).toBeLessThan(120 * 1024 * 1024);
    } finally {
      await sampler.stop();
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    }
  });
});

const hugo = await which('hugo');
const nginx = await which('nginx');
const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hugo)(hugo ? 'the Hugo anchor' : 'the Hugo anchor (skipped: hugo is not installed; `npm run bench -- --only=scale` installs it)', () => {
  it('builds every page of a 20-page corpus with the minimal site, ready for Pagefind', async () => {
    const contentDir = await generateCorpus(20);
    const siteDir = await mkdtemp(path.join(os.tmpdir(), 'gare-test-hugo-'));
    temporary.push(contentDir, siteDir);
    await writeHugoSite({ contentDir, siteDir });
    const code = await new Promise((resolve) => spawn(hugo ?? 'hugo', ['--quiet', '--source', siteDir], { stdio: 'ignore' }).on('exit', resolve));
    expect(code).toBe(0);
    const publicDir = path.join(siteDir, 'public');
    const built = (await readdir(publicDir, { recursive: true })).filter((f) => /^[a-z-]+\/page-\d+\/index\.html$/.test(f));
    expect(built).toHaveLength(20);
    const html = await readFile(path.join(publicDir, 'ressources', 'page-0', 'index.html'), 'utf8');
    expect(html).toContain('<main data-pagefind-body><h1>');
    expect(html).toContain('Points abordés');

    if (!nginx) return;
    const server = await startStaticServer({ dir: path.join(siteDir, 'nginx'), publicDir, say: () => undefined });
    try {
      const res = await fetch(`${server.url}/ressources/page-0/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(html);
    } finally {
      await server.stop();
    }
    expect(existsSync(path.join(siteDir, 'nginx', 'nginx.pid'))).toBe(false);
  });
});
