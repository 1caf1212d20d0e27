import { afterAll, describe, expect, it } from 'vitest';
import { createSearchService } from '../../server/search/search-service.ts';
import { closePagefind } from '../../server/search/bundle.ts';
import { makeRecord, removeTempDirs, tempDir } from './helpers.ts';

describe('search service', () => {
  afterAll(async () => {
    await closePagefind();
    await removeTempDirs();
  });

  it('suggestions and server-side results follow the indexer’s updates', async () => {
    const service = createSearchService({ outDir: await tempDir() });
    await service.indexer.rebuildAll([
      makeRecord({ url: '/wiki/a', title: 'Accompagnement des entrepreneurs', text: 'Premier rendez-vous.' }),
    ]);
    const answer = service.searchServerSide({ query: 'acompagnement', audience: 'public' });
    expect(answer.results).toEqual([]);
    expect(answer.suggestion).toBe('accompagnement');

    await service.indexer.update({ upserts: [makeRecord({ url: '/wiki/b', title: 'Pseudonymisation', text: 'Cacher les noms.' })] });
    expect(service.suggest('pseudonimisation', 'public').suggestion).toBe('pseudonymisation');
    expect(service.searchServerSide({ query: 'noms', audience: 'public' }).results.map((r) => r.url)).toEqual(['/wiki/b']);

    await service.indexer.update({ upserts: [makeRecord({ url: '/wiki/b', title: 'Pseudonymisation', text: 'Cacher les noms.', visibility: 'equipe' })] });
    expect(service.suggest('pseudonimisation', 'public').suggestion).toBeUndefined();
    expect(service.searchServerSide({ query: 'noms', audience: 'public' }).results).toEqual([]);
    expect(service.searchServerSide({ query: 'noms', audience: 'equipe' }).results).toHaveLength(1);
  });
});
