/**
 * Each page is indexed once: the public bundle holds the public pages, the team's the team-only
 * ones, and the browser merges them for the team. Bases go live one by one, public first; a large
 * base is split into parts built one after the other; a restart over the same pages runs no
 * Pagefind indexer at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePagefind, pagefindIndexesCreated } from '../../server/search/bundle.ts';
import { createSearchIndexer, type SearchIndexer } from '../../server/search/indexer.ts';
import type { SearchManifest } from '../../server/search/manifest.ts';
import { createWikiSearch } from '../../site/scripts/search-client.ts';
import { fileFetch, filePrefix, installFileFetch, makeRecord, readBundleFiles, removeTempDirs, tempDir } from './helpers.ts';

const publicWord = 'salamandrine';
const teamWord = 'cormorantelle';
const records = [
  ...Array.from({ length: 5 }, (_, i) => makeRecord({ url: `/wiki/ressources/fiche-${i}`, title: `Fiche ${i}`, text: `Fiche ouverte numéro ${i}.` })),
  makeRecord({ url: '/wiki/ressources/salamandre', title: 'La salamandre', text: `Observer la ${publicWord} au printemps.` }),
  makeRecord({ url: '/wiki/equipe/cormoran', title: 'Le cormoran', text: `Notes internes : ${teamWord}.`, visibility: 'equipe' }),
  makeRecord({ url: '/wiki/equipe/budget', title: 'Budget', text: 'Budget interne du printemps.', visibility: 'equipe' }),
];

let outDir: string;
let indexer: SearchIndexer;
/** Pagefind indexes created when the public base was first seen live, and in all. */
let createdWhenPublicLive: number | undefined;
let createdByFirstStart = 0;

const manifestOf = async (audience: string) => JSON.parse(await readFile(join(outDir, audience, 'manifest.json'), 'utf8')) as SearchManifest;
const urlsOf = async (prefix: string, query: string) =>
  (await createWikiSearch({ prefix, fetch: fileFetch, suggestUrl: null }).searchWiki(query, { limit: 20 })).results.map((r) => r.url).sort();
const start = () => createSearchIndexer({ outDir, maxPagesPerIndex: 2 });

beforeAll(async () => {
  installFileFetch();
  outDir = await tempDir();
  indexer = start();
  const before = pagefindIndexesCreated();
  let done = false;
  const watching = (async () => {
    while (!done && createdWhenPublicLive === undefined) {
      if (indexer.stats().audiences.public.baseVersion !== undefined) createdWhenPublicLive = pagefindIndexesCreated() - before;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await indexer.rebuildAll(records);
  done = true;
  await watching;
  createdByFirstStart = pagefindIndexesCreated() - before;
});
afterAll(async () => {
  await closePagefind();
  await removeTempDirs();
});

describe('each page indexed once', () => {
  it('puts public pages in the public bundle only and team pages in the team bundle only', async () => {
    const publicFiles = await readBundleFiles(join(outDir, 'public'));
    const teamFiles = await readBundleFiles(join(outDir, 'equipe'));
    const fragments = (files: Array<{ path: string }>) => files.filter((f) => f.path.endsWith('.pf_fragment')).length;
    expect(fragments(publicFiles)).toBe(6);
    expect(fragments(teamFiles)).toBe(2);
    expect(teamFiles.filter((f) => f.text.includes('/wiki/ressources/')).map((f) => f.path)).toEqual([]);
    expect(publicFiles.filter((f) => f.text.includes(teamWord.slice(0, 8))).map((f) => f.path)).toEqual([]);
  });

  it('lets the team find public and team pages through the merged bundles, and a visitor only public ones', async () => {
    const team = `${filePrefix(outDir, 'public')},${filePrefix(outDir, 'equipe')}`;
    expect(await urlsOf(team, 'printemps')).toEqual(['/wiki/equipe/budget', '/wiki/ressources/salamandre']);
    expect(await urlsOf(team, teamWord)).toEqual(['/wiki/equipe/cormoran']);
    expect(await urlsOf(filePrefix(outDir, 'public'), 'printemps')).toEqual(['/wiki/ressources/salamandre']);
    expect(await urlsOf(filePrefix(outDir, 'public'), teamWord)).toEqual([]);
  });

  it('builds a base larger than one index in parts, merged in the browser', async () => {
    const manifest = await manifestOf('public');
    expect(manifest.basePages).toBe(6);
    expect(manifest.baseMorePaths).toEqual([`${manifest.baseVersion}/pagefind-1/`, `${manifest.baseVersion}/pagefind-2/`]);
    expect(await urlsOf(filePrefix(outDir, 'public'), 'ouverte')).toEqual(records.slice(0, 5).map((r) => r.url).sort());
    expect(await urlsOf(filePrefix(outDir, 'public'), publicWord)).toEqual(['/wiki/ressources/salamandre']);
  });

  it('makes the public base live before the team’s is even started', () => {
    expect(createdByFirstStart).toBe(4); // three public parts, one team part
    expect(createdWhenPublicLive).toBe(3);
  });

  it('runs no Pagefind indexer when restarted over the same pages', async () => {
    const before = pagefindIndexesCreated();
    const again = start();
    await again.rebuildAll(records);
    expect(pagefindIndexesCreated() - before).toBe(0);
    expect(again.stats().audiences.public.reusedBase).toBe(true);
    expect(again.stats().audiences.equipe.reusedBase).toBe(true);
    const team = `${filePrefix(outDir, 'public')},${filePrefix(outDir, 'equipe')}`;
    expect(await urlsOf(team, 'printemps')).toEqual(['/wiki/equipe/budget', '/wiki/ressources/salamandre']);
    expect(await urlsOf(filePrefix(outDir, 'public'), 'ouverte')).toHaveLength(5);
  });

  it('builds a new base, in parts, instead of a delta too big for one index', async () => {
    const before = await manifestOf('public');
    const batch = records.slice(0, 3).map((r) => ({ ...r, text: `${r.text} Tirée d’un grand changement.` }));
    await indexer.update({ upserts: batch });
    const after = await manifestOf('public');
    expect(after.baseVersion).not.toBe(before.baseVersion);
    expect(after.deltaPages).toBe(0);
    expect(after.baseMorePaths).toHaveLength(2);
    expect(await urlsOf(filePrefix(outDir, 'public'), 'changement')).toEqual(batch.map((r) => r.url).sort());
    await indexer.update({ upserts: records.slice(0, 3) });
  });

  it('moves a page made team-only from the public bundle to the team’s, found once by the team', async () => {
    await indexer.update({ upserts: [{ ...records[5]!, visibility: 'equipe' }] });
    const team = `${filePrefix(outDir, 'public')},${filePrefix(outDir, 'equipe')}`;
    expect(await urlsOf(filePrefix(outDir, 'public'), publicWord)).toEqual([]);
    expect(await urlsOf(team, publicWord)).toEqual(['/wiki/ressources/salamandre']);
    await indexer.update({ upserts: [records[5]!] });
    expect(await urlsOf(team, publicWord)).toEqual(['/wiki/ressources/salamandre']);
    await indexer.idle();
  });
});

describe('what a restart adopts', () => {
  let dir: string;
  const restart = (options: { maxDeltaPages?: number } = {}) => createSearchIndexer({ outDir: dir, maxPagesPerIndex: 2, ...options });

  beforeAll(async () => {
    dir = await tempDir();
    await restart().rebuildAll(records);
  });

  it('builds anew, once, a base whose note is of the former layout (the team’s bundle held public pages)', async () => {
    const note = join(dir, '.bases', 'equipe.json');
    const { layout: _layout, parts: _parts, ...former } = JSON.parse(await readFile(note, 'utf8')) as Record<string, unknown>;
    await writeFile(note, JSON.stringify(former));
    const before = pagefindIndexesCreated();
    const again = restart();
    await again.rebuildAll(records);
    expect(again.stats().audiences.equipe.reusedBase).toBe(false);
    expect(again.stats().audiences.public.reusedBase).toBe(true);
    expect(pagefindIndexesCreated() - before).toBe(1);
    expect(await restart().rebuildAll(records).then(() => pagefindIndexesCreated() - before)).toBe(1);
  });

  it('builds anew the base of an audience where more pages changed than a delta holds, and only that one', async () => {
    const changed = records.map((r, i) => (i < 3 ? { ...r, text: `${r.text} Modifiée.` } : r));
    const again = restart({ maxDeltaPages: 2 });
    await again.rebuildAll(changed);
    expect(again.stats().audiences.public.reusedBase).toBe(false);
    expect(again.stats().audiences.equipe.reusedBase).toBe(true);
    expect(await urlsOf(filePrefix(dir, 'public'), 'modifiee')).toEqual(changed.slice(0, 3).map((r) => r.url).sort());
  });
});
