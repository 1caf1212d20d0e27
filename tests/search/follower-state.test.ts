/**
 * The server-side search and the suggestions are saved when the hub stops and taken back by a
 * start over the same records, instead of reading every word again; a page changed afterwards
 * takes its old words out of both.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePagefind } from '../../server/search/bundle.ts';
import { createSearchService, type SearchService } from '../../server/search/search-service.ts';
import { makeRecord, removeTempDirs, tempDir } from './helpers.ts';

const records = [
  makeRecord({ url: '/wiki/a', title: 'Accompagnement des entrepreneurs', text: 'Premier rendez-vous au guichet.' }),
  makeRecord({ url: '/wiki/b', title: 'Pseudonymisation', text: 'Cacher les noms des personnes.' }),
  makeRecord({ url: '/wiki/c', title: 'Compte-rendu interne', text: 'Budget de la coopérative.', visibility: 'equipe' }),
];

let outDir: string;
const start = async (input = records): Promise<SearchService> => {
  const service = createSearchService({ outDir });
  await service.indexer.rebuildAll(input);
  return service;
};
const urls = (service: SearchService, query: string, audience: 'public' | 'equipe' = 'public') =>
  service.searchServerSide({ query, audience }).results.map((r) => r.url).sort();

beforeAll(async () => {
  outDir = await tempDir();
  const first = await start();
  expect(first.indexer.stats().followersRestored).toBe(false);
  await first.indexer.saveState();
});
afterAll(async () => {
  await closePagefind();
  await removeTempDirs();
});

describe('the followers’ state across restarts', () => {
  it('is taken back by a start over the same records, and answers as before', async () => {
    const again = await start();
    expect(again.indexer.stats().followersRestored).toBe(true);
    expect(urls(again, 'guichet')).toEqual(['/wiki/a']);
    expect(urls(again, 'budget')).toEqual([]);
    expect(urls(again, 'budget', 'equipe')).toEqual(['/wiki/c']);
    expect(again.suggest('pseudonimisation', 'public').suggestion).toBe('pseudonymisation');
    expect(again.suggest('cooperatve', 'public').suggestion).toBeUndefined();
  });

  it('takes a restored page’s old words out when it changes', async () => {
    const again = await start();
    await again.indexer.update({ upserts: [{ ...records[1]!, title: 'Anonymat', text: 'Masquer les identités.' }] });
    expect(again.suggest('pseudonimisation', 'public').suggestion).toBeUndefined();
    expect(again.suggest('anonymt', 'public').suggestion).toBe('anonymat');
    expect(urls(again, 'noms')).toEqual([]);
    expect(urls(again, 'identites')).toEqual(['/wiki/b']);
  });

  it('is not taken when a record changed while the hub was stopped, nor when the file is damaged', async () => {
    const changed = await start([records[0]!, { ...records[1]!, text: 'Cacher les prénoms.' }, records[2]!]);
    expect(changed.indexer.stats().followersRestored).toBe(false);
    expect(urls(changed, 'prenoms')).toEqual(['/wiki/b']);
    await start().then((s) => s.indexer.saveState());
    const [file, ...more] = await readdir(join(outDir, '.state'));
    expect(more).toEqual([]); // the state of other records is gone
    await writeFile(join(outDir, '.state', file!), '{"version":1,"digest":"x","states":[');
    const damaged = await start();
    expect(damaged.indexer.stats().followersRestored).toBe(false);
    expect(urls(damaged, 'guichet')).toEqual(['/wiki/a']);
  });
});
