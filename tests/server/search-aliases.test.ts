import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
beforeAll(async () => {
  gare = await startTestHub();
  await gare.hub.search.ready;
});
afterAll(() => gare?.stop());

describe('search under renamed tags', () => {
  it('finds pages still tagged « Pôle Emploi » when filtering by « France Travail », its new name', () => {
    // The sample wiki aliases « Pôle Emploi » to « France Travail » in _gare/tags.yml.
    const oldTagged = gare.hub.index.all().filter((p) => p.meta.tags.includes('Pôle Emploi') && p.meta.visibility === 'public');
    expect(oldTagged.length).toBeGreaterThan(0);
    const word = oldTagged[0]!.meta.title.split(/\s+/).find((w) => w.length > 5)!;
    const { results } = gare.hub.search.serverSearch({ query: word, audience: 'public', tags: ['France Travail'] });
    expect(results.map((r) => r.url)).toContain(oldTagged[0]!.url);
    expect(results.every((r) => !r.tags.includes('Pôle Emploi'))).toBe(true);
  });
});
