/**
 * Issue 9, item 2: the pure text functions run per request or per page version finish promptly on
 * pathological bodies. No timing is asserted: before the fix some took tens of seconds, past the
 * test timeout, and their results are checked here.
 */
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../server/register/decisions.ts';
import { extractLinks } from '../../server/wiki/links.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { pathologicalBodies } from '../wiki/pathological-inputs.ts';

const path = 'notes/reunion.md' as PagePath;

describe('decisions of a pathological meeting page', () => {
  // `^\s*…\s*` tried every split of a run of spaces: 200,000 spaces took 33 s.
  it.each(pathologicalBodies())('finds none in $name ($size characters)', ({ body }) => {
    expect(extractDecisions({ source: body })).toEqual({ decisions: [], actions: [] });
  });

  it('still reads a decision and an action written with long runs of spaces and commas', () => {
    const spaces = ' '.repeat(100_000);
    const source = `- Décision :${spaces}garder le local${','.repeat(100_000)}\n- [ ] Action :${spaces}appeler @Ada avant le 2026-03-20`;
    const { decisions, actions } = extractDecisions({ source });
    expect(decisions).toEqual([{ text: 'garder le local', line: 1 }]);
    expect(actions).toEqual([{ text: 'appeler', owner: 'Ada', due: '2026-03-20', done: false, line: 2 }]);
  });
});

describe('links of a pathological page', () => {
  it.each(pathologicalBodies())('finds none in $name ($size characters)', ({ body }) => {
    expect(extractLinks(body, { path })).toEqual([]);
  });
});
