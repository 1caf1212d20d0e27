/**
 * The no-JavaScript search scores each stem once per state of the index: queries that combine
 * words already asked cost no new MiniSearch query, give the ranking MiniSearch's own AND gives,
 * and any change to the records scores the stems again.
 */
import MiniSearch from 'minisearch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerSearch, queryStems } from '../../server/search/server-search.ts';
import { stemFrench, tokenize } from '../../server/search/text.ts';
import { makeRecord } from './helpers.ts';

const words = 'coopérative financement gouvernance statut trésorerie atelier réunion décision'.split(' ');
/** Forty pages holding the words in varied amounts, so scores differ. */
const records = Array.from({ length: 40 }, (_, i) =>
  makeRecord({
    url: `/wiki/ressources/page-${i}`,
    title: `Fiche ${words[i % words.length]} ${i}`,
    // Word k said (i + k) % 4 + 1 times, and left out of one page in five.
    text: words.flatMap((w, k) => ((i + k) % 5 === 0 ? [] : Array<string>((i + k) % 4 + 1).fill(w))).join(' '),
  }),
);

afterEach(() => vi.restoreAllMocks());

describe('server-side search, stems scored once', () => {
  it('answers a query of known stems without a new MiniSearch query', () => {
    const search = createServerSearch();
    search.setRecords(records);
    const queries = vi.spyOn(MiniSearch.prototype, 'search');
    search.searchServerSide({ query: 'coopérative', audience: 'public' });
    search.searchServerSide({ query: 'financement', audience: 'public' });
    const before = queries.mock.calls.length;
    search.searchServerSide({ query: 'coopérative financement', audience: 'public' });
    search.searchServerSide({ query: 'financement coopératives', audience: 'public' });
    expect(queries.mock.calls.length).toBe(before);
  });

  it('ranks as MiniSearch’s own AND query does, with the same scores', () => {
    const search = createServerSearch();
    search.setRecords(records);
    // The index the server search keeps, built the same way, asked the way it used to be.
    const reference = new MiniSearch({ fields: ['title', 'tags', 'summary', 'text'], tokenize, processTerm: stemFrench });
    reference.addAll(records.map((r) => ({ id: r.url, title: r.title, tags: [...r.tags, ...(r.tagAliases ?? [])].join(' ; '), summary: r.summary ?? '', text: r.text })));
    const asked = 'gouvernance statut atelier';
    const expected = reference.search(queryStems(asked).join(' '), { combineWith: 'AND', boost: { title: 10, tags: 5, summary: 2 }, tokenize: (t) => t.split(' '), processTerm: (t) => t });
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(40);
    const got = search.searchServerSide({ query: asked, audience: 'public', limit: 40 });
    expect(got.total).toBe(expected.length);
    const scores = new Map(got.results.map((r) => [r.url, r.score]));
    for (const hit of expected) expect(scores.get(hit.id as string)).toBeCloseTo(hit.score, 9);
  });

  it('scores the stems again once a record changes', () => {
    const search = createServerSearch();
    search.setRecords(records);
    expect(search.searchServerSide({ query: 'subvention', audience: 'public' }).total).toBe(0);
    search.upsert([makeRecord({ url: '/wiki/ressources/nouvelle', title: 'Subvention de la région', text: 'Demande de subvention.' })]);
    expect(search.searchServerSide({ query: 'subvention', audience: 'public' }).results.map((r) => r.url)).toEqual(['/wiki/ressources/nouvelle']);
    search.remove(['/wiki/ressources/nouvelle']);
    expect(search.searchServerSide({ query: 'subvention', audience: 'public' }).total).toBe(0);
  });

  it('never gives a visitor a team page from scores first made for the team', () => {
    const search = createServerSearch();
    search.setRecords([...records, makeRecord({ url: '/wiki/equipe/budget', title: 'Trésorerie de l’équipe', text: 'trésorerie interne', visibility: 'equipe' })]);
    const team = search.searchServerSide({ query: 'trésorerie', audience: 'equipe', limit: 100 });
    expect(team.results.map((r) => r.url)).toContain('/wiki/equipe/budget');
    const visitor = search.searchServerSide({ query: 'trésorerie', audience: 'public', limit: 100 });
    expect(visitor.results.map((r) => r.url)).not.toContain('/wiki/equipe/budget');
    expect(visitor.total).toBe(team.total - 1);
  });
});
