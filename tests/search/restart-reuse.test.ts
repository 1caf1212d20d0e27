/**
 * A restart over the same pages adopts the search bundles a previous run left on disk (no
 * Pagefind base build); changed pages go in a delta; a page that left the public makes the
 * public base be built anew, so its words do not stay in a visitor's bundle.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePagefind } from '../../server/search/bundle.ts';
import { createSearchIndexer } from '../../server/search/indexer.ts';
import type { SearchManifest } from '../../server/search/manifest.ts';
import { createWikiSearch } from '../../site/scripts/search-client.ts';
import { fileFetch, filePrefix, installFileFetch, makeRecord, readBundleFiles, removeTempDirs, tempDir } from './helpers.ts';

const pages = [
  makeRecord({ url: '/wiki/ressources/heron', title: 'Le héron cendré', text: 'Observer le héron au bord du canal.' }),
  makeRecord({ url: '/wiki/ressources/loutre', title: 'La loutre', text: 'Les traces de la loutre dans la vase.' }),
  makeRecord({ url: '/wiki/equipe/castor', title: 'Le castor', text: 'Notes internes sur le castor.', visibility: 'equipe' }),
];

let outDir: string;
const manifestOf = async (audience: string) => JSON.parse(await readFile(join(outDir, audience, 'manifest.json'), 'utf8')) as SearchManifest;
const start = () => createSearchIndexer({ outDir, now: () => new Date() });

beforeAll(async () => {
  installFileFetch();
  outDir = await tempDir();
  await start().rebuildAll(pages);
});
afterAll(async () => {
  await closePagefind();
  await removeTempDirs();
});

describe('search bundles across restarts', () => {
  it('a second start over the same pages serves the bundles on disk without building a base', async () => {
    const before = { public: await manifestOf('public'), equipe: await manifestOf('equipe') };
    const again = start();
    await again.rebuildAll(pages);
    const stats = again.stats().audiences;
    expect(stats.public.reusedBase).toBe(true);
    expect(stats.equipe.reusedBase).toBe(true);
    expect(stats.public.lastBaseMs).toBeUndefined();
    const after = await manifestOf('public');
    expect(after.baseVersion).toBe(before.public.baseVersion);
    expect(after.deltaVersion).toBeNull();
    expect((await manifestOf('equipe')).baseVersion).toBe(before.equipe.baseVersion);
    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    expect((await search.searchWiki('heron')).results.map((r) => r.url)).toEqual(['/wiki/ressources/heron']);
  });

  it('a start over changed pages keeps the base and puts only what changed in the delta', async () => {
    const before = await manifestOf('public');
    const changed = [{ ...pages[0]!, text: 'Le héron et les grenouilles vertes.' }, pages[1]!, pages[2]!];
    const again = start();
    await again.rebuildAll(changed);
    const after = await manifestOf('public');
    expect(after.baseVersion).toBe(before.baseVersion);
    expect(after.changedUrls).toEqual(['/wiki/ressources/heron']);
    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    expect((await search.searchWiki('grenouilles')).results.map((r) => r.url)).toEqual(['/wiki/ressources/heron']);
  });

  it('a page made team-only while the hub was stopped leaves the public bundle at the next start', async () => {
    const before = await manifestOf('public');
    const again = start();
    await again.rebuildAll([{ ...pages[0]!, visibility: 'equipe' }, pages[1]!, pages[2]!]);
    const after = await manifestOf('public');
    expect(again.stats().audiences.public.reusedBase).toBe(false);
    expect(after.baseVersion).not.toBe(before.baseVersion);
    const files = await readBundleFiles(join(outDir, 'public'));
    expect(files.filter((f) => f.text.includes('/wiki/ressources/heron')).map((f) => f.path)).toEqual([]);
    expect(again.stats().audiences.equipe.reusedBase).toBe(true);
  });
});
