import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceFor } from '../../server/access/policy.ts';
import { closePagefind } from '../../server/search/bundle.ts';
import { createSearchIndexer, type SearchIndexer } from '../../server/search/indexer.ts';
import { createServerSearch } from '../../server/search/server-search.ts';
import { createSuggester } from '../../server/search/suggest.ts';
import { createWikiSearch } from '../../site/scripts/search-client.ts';
import { fileFetch, filePrefix, installFileFetch, makeRecord, readBundleFiles, removeTempDirs, tempDir } from './helpers.ts';

const canary = 'pimprenellette';
const records = [
  makeRecord({ url: '/wiki/ressources/guide', title: 'Guide public', text: 'Un guide pour tout le monde.' }),
  makeRecord({ url: '/wiki/equipe/note', title: 'Note d’équipe', text: 'Une note de l’équipe.', visibility: 'equipe' }),
  makeRecord({ url: '/wiki/suivi/dossier', title: `Dossier ${canary}`, text: `Situation de ${canary}.`, visibility: 'public', groups: ['accompagnement'] }),
];

let outDir: string;
let indexer: SearchIndexer;

beforeAll(async () => {
  installFileFetch();
  outDir = await tempDir();
  indexer = createSearchIndexer({ outDir });
  await indexer.rebuildAll(records);
});
afterAll(async () => {
  await closePagefind();
  await removeTempDirs();
});

describe('search bundles and groups', () => {
  it('keeps a group page out of the public and team bundles, in a bundle of its group only', async () => {
    expect(indexer.groupAudiences()).toEqual([{ audience: 'groupe-accompagnement', groups: ['accompagnement'] }]);
    for (const audience of ['public', 'equipe']) {
      const files = await readBundleFiles(join(outDir, audience));
      expect(files.filter((f) => f.text.toLowerCase().includes(canary)).map((f) => f.path), audience).toEqual([]);
    }
    const group = await readBundleFiles(join(outDir, 'groupe-accompagnement'));
    expect(group.some((f) => f.text.toLowerCase().includes(canary))).toBe(true);
  });

  it('merges the team and group bundles in the browser, and finds the group page', async () => {
    const prefix = `${filePrefix(outDir, 'equipe')},${filePrefix(outDir, 'groupe-accompagnement')}`;
    const member = createWikiSearch({ prefix, fetch: fileFetch, suggestUrl: null });
    expect((await member.searchWiki(canary)).results.map((r) => r.url)).toEqual(['/wiki/suivi/dossier']);
    expect((await member.searchWiki('note')).results.map((r) => r.url)).toContain('/wiki/equipe/note');
    const team = createWikiSearch({ prefix: filePrefix(outDir, 'equipe'), fetch: fileFetch, suggestUrl: null });
    expect((await team.searchWiki(canary)).results).toEqual([]);
  });

  it('a page newly put in a group gets its group a bundle at once', async () => {
    await indexer.update({ upserts: [{ ...records[1]!, groups: ['direction'] }] });
    expect(indexer.groupAudiences().map((a) => a.audience)).toEqual(['groupe-accompagnement', 'groupe-direction']);
    const direction = createWikiSearch({ prefix: filePrefix(outDir, 'groupe-direction'), fetch: fileFetch, suggestUrl: null });
    expect((await direction.searchWiki('note')).results.map((r) => r.url)).toEqual(['/wiki/equipe/note']);
  });

  it('indexes a page shared by several groups once, in the bundle of that set of groups', async () => {
    await indexer.update({ upserts: [{ ...records[1]!, groups: ['direction', 'accompagnement'] }] });
    const shared = indexer.groupAudiences().find((a) => a.groups.length === 2);
    expect(shared).toEqual({ audience: 'groupe-accompagnement+direction', groups: ['accompagnement', 'direction'] });
    const holding = [];
    for (const { audience } of indexer.groupAudiences()) {
      const found = await createWikiSearch({ prefix: filePrefix(outDir, audience), fetch: fileFetch, suggestUrl: null }).searchWiki('note');
      if (found.results.some((r) => r.url === '/wiki/equipe/note')) holding.push(audience);
    }
    expect(holding).toEqual(['groupe-accompagnement+direction']);
  });

  it('server-side search and suggestions follow the viewer’s groups', () => {
    const search = createServerSearch();
    const suggester = createSuggester({ minBodyCount: 1 });
    search.setRecords(records);
    suggester.setRecords(records);
    const urls = (audience: ReturnType<typeof audienceFor>) => search.searchServerSide({ query: canary, audience }).results.map((r) => r.url);
    expect(urls(audienceFor('equipe'))).toEqual([]);
    expect(urls(audienceFor('public', ['Accompagnement']))).toEqual(['/wiki/suivi/dossier']);
    expect(urls(audienceFor('equipe', 'all'))).toEqual(['/wiki/suivi/dossier']);
    // A suggestion never proposes a word of a group page, whoever asks.
    expect(suggester.suggest('pimprenelette', audienceFor('equipe', 'all')).suggestion).toBeUndefined();
    expect(suggester.vocabulary('equipe')).not.toContain(canary);
  });
});
