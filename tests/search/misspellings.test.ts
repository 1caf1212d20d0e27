import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureMisspellings, reachedShare, recordsOf } from '../../scripts/bench/misspellings.ts';

const content = fileURLToPath(new URL('../../content', import.meta.url));

describe('misspelt queries on the sample wiki', () => {
  // Floor: 90 % of the 30 slips reach the right page in the top 3 (100 % when written); as typed,
  // without the correction shown at once, only the missing accents would (23 %).
  it('reach the right page in the top 3 for at least 90 % of 30 slips, for the team and for visitors', async () => {
    const records = await recordsOf(content);
    for (const audience of ['equipe', 'public'] as const) {
      const rows = measureMisspellings(records, audience);
      expect(rows.reduce((n, r) => n + r.tried, 0)).toBe(30);
      expect(reachedShare(rows)).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('never « correct » a word the wiki holds: pole emploi, Marchetti', async () => {
    const { createSuggester } = await import('../../server/search/suggest.ts');
    const suggester = createSuggester();
    suggester.setRecords(await recordsOf(content));
    for (const audience of ['equipe', 'public'] as const) {
      expect(suggester.suggest('pole emploi', audience).suggestion).toBeUndefined();
      expect(suggester.suggest('Marchetti', audience).suggestion).toBeUndefined();
      expect(suggester.suggest('acompagnement', audience).suggestion).toBe('accompagnement');
    }
  });
});
