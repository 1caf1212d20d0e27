import { describe, expect, it } from 'vitest';
import { createServerSearch } from '../../server/search/server-search.ts';
import { makeRecord } from './helpers.ts';

const records = [
  makeRecord({
    url: '/wiki/ressources/anonymiser',
    title: 'Publier un compte-rendu',
    text: 'La pseudonymisation, encore la pseudonymisation, toujours la pseudonymisation des noms.',
  }),
  makeRecord({ url: '/wiki/tutoriels/pseudo', title: 'Pseudonymisation des comptes-rendus', text: 'Remplacer les noms.', type: 'tutoriel', typeLabel: 'Tutoriel' }),
  makeRecord({ url: '/wiki/ressources/pole', title: 'Inscription', text: 'S’inscrire à Pôle Emploi <b>vite</b> & bien.', tags: ['Pôle Emploi'] }),
  makeRecord({
    url: '/wiki/equipe/lea',
    title: 'Accompagnement de Léa',
    text: 'Pôle Emploi, pseudonymisation, accompagnements.',
    tags: ['Pôle Emploi'],
    visibility: 'equipe',
    type: 'accompagnement',
    typeLabel: 'Dossier d’accompagnement',
  }),
];

describe('server-side search', () => {
  it('server-side search ranks title matches first and folds accents', () => {
    const search = createServerSearch();
    search.setRecords(records);
    const ranked = search.searchServerSide({ query: 'pseudonymisation', audience: 'public' });
    expect(ranked.results.map((r) => r.url)).toEqual(['/wiki/tutoriels/pseudo', '/wiki/ressources/anonymiser']);
    const folded = search.searchServerSide({ query: 'pole emploi', audience: 'public' });
    expect(folded.results.map((r) => r.url)).toEqual(['/wiki/ressources/pole']);
    expect(folded.results[0]?.excerpt).toBe('S’inscrire à <mark>Pôle</mark> <mark>Emploi</mark> &lt;b&gt;vite&lt;/b&gt; &amp; bien.');
    const stemmed = search.searchServerSide({ query: 'accompagnements', audience: 'equipe' });
    expect(stemmed.results.map((r) => r.url)).toEqual(['/wiki/equipe/lea']);
  });

  it('never returns a team page to a visitor', () => {
    const search = createServerSearch();
    search.setRecords(records);
    expect(search.searchServerSide({ query: 'Léa', audience: 'public' }).results).toEqual([]);
    expect(search.searchServerSide({ query: 'lea', audience: 'equipe' }).results.map((r) => r.url)).toEqual(['/wiki/equipe/lea']);
  });

  it('filters by tag without accents and by type', () => {
    const search = createServerSearch();
    search.setRecords(records);
    const tagged = search.searchServerSide({ query: '', audience: 'equipe', tags: ['pole emploi'] });
    expect(tagged.results.map((r) => r.url).sort()).toEqual(['/wiki/equipe/lea', '/wiki/ressources/pole']);
    const typed = search.searchServerSide({ query: 'pseudonymisation', audience: 'equipe', types: ['tutoriel', 'accompagnement'] });
    expect(typed.results.map((r) => r.url)).toEqual(['/wiki/tutoriels/pseudo', '/wiki/equipe/lea']);
  });

  it('follows updates and deletions', () => {
    const search = createServerSearch();
    search.setRecords(records);
    search.upsert([{ ...records[2]!, text: 'France Travail désormais.' }]);
    expect(search.searchServerSide({ query: 'travail', audience: 'public' }).results).toHaveLength(1);
    search.remove(['/wiki/ressources/pole']);
    expect(search.searchServerSide({ query: 'travail', audience: 'public' }).results).toHaveLength(0);
  });
});

describe('old tag names', () => {
  it('« pole emploi » finds a page now tagged « France Travail », and a tag filter takes any spelling', () => {
    const search = createServerSearch();
    search.setRecords([makeRecord({ url: '/wiki/ft', title: 'Inscription', text: 'Rien.', tags: ['France Travail'], tagAliases: ['Pôle Emploi'], visibility: 'equipe' })]);
    expect(search.searchServerSide({ query: 'pole emploi', audience: 'equipe' }).results.map((r) => r.url)).toEqual(['/wiki/ft']);
    expect(search.searchServerSide({ query: '', audience: 'equipe', tags: ['pôle-emploi'] }).total).toBe(1);
    expect(search.searchServerSide({ query: 'pole emploi', audience: 'public' }).total).toBe(0);
  });
});
