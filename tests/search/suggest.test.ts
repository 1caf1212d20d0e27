import { describe, expect, it } from 'vitest';
import { createSuggester } from '../../server/search/suggest.ts';
import { boundedDistance } from '../../server/search/distance.ts';
import { makeRecord } from './helpers.ts';

const canary = 'zorglubinette';

const records = [
  makeRecord({ url: '/wiki/tutoriels/pseudo', title: 'Tutoriel de pseudonymisation', text: 'Remplacer les noms.' }),
  makeRecord({
    url: '/wiki/accompagnements/lea',
    title: 'Dossier d’accompagnement de Léa',
    text: `Situation de ${canary}, ${canary} encore : entretien confidentiel.`,
    tags: ['Pôle Emploi'],
    type: 'accompagnement',
    typeLabel: 'Dossier d’accompagnement',
    visibility: 'equipe',
  }),
  makeRecord({ url: '/wiki/ressources/statut', title: 'Choisir un statut juridique', text: 'Accompagnement possible.', tags: ['statut juridique'] }),
];

describe('spelling suggestions', () => {
  it('a misspelt query gets a suggestion from titles', () => {
    const suggester = createSuggester();
    suggester.setRecords(records);
    expect(suggester.suggest('pseudonimisation', 'public')).toEqual({ suggestion: 'pseudonymisation' });
    expect(suggester.suggest('acompagnement', 'equipe')).toEqual({ suggestion: 'accompagnement' });
    expect(suggester.suggest('dossier d’acompagnement', 'equipe')).toEqual({ suggestion: 'dossier d’accompagnement' });
    expect(suggester.suggest('statut juridiqe', 'public')).toEqual({ suggestion: 'statut juridique' });
    expect(suggester.suggest('pole emploi', 'equipe')).toEqual({ suggestion: undefined });
    expect(suggester.suggest('xyzzyplugh', 'equipe')).toEqual({ suggestion: undefined });
  });

  it('the public vocabulary holds no word of a team page', () => {
    const suggester = createSuggester();
    suggester.setRecords(records);
    const publicWords = suggester.vocabulary('public');
    expect(publicWords).toContain('pseudonymisation');
    for (const word of ['zorglubinette', 'lea', 'confidentiel', 'emploi', 'dossier']) expect(publicWords).not.toContain(word);
    expect(suggester.vocabulary('equipe')).toContain(canary);
    expect(suggester.suggest('zorglubinete', 'public').suggestion).toBeUndefined();
    expect(suggester.suggest('zorglubinete', 'equipe').suggestion).toBe(canary);
  });

  it('a page made team-only or deleted leaves the public vocabulary', () => {
    const suggester = createSuggester();
    suggester.setRecords(records);
    suggester.upsert([{ ...records[0]!, visibility: 'equipe' }]);
    expect(suggester.vocabulary('public')).not.toContain('pseudonymisation');
    expect(suggester.vocabulary('equipe')).toContain('pseudonymisation');
    suggester.remove(['/wiki/tutoriels/pseudo']);
    expect(suggester.vocabulary('equipe')).not.toContain('pseudonymisation');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(boundedDistance('acompagnement', 'accompagnement', 2)).toBe(1);
    expect(boundedDistance('reunoin', 'reunion', 1)).toBe(1);
    expect(boundedDistance('pseudonimisation', 'pseudonymisation', 2)).toBe(1);
    expect(boundedDistance('chat', 'chien', 1)).toBe(2); // bounded: "more than 1"
  });
});

describe('only clearly better corrections', () => {
  const more = [
    makeRecord({ url: '/wiki/a', title: 'Rôle de l’animateur', text: 'Le pôle emploi une seule fois.' }),
    makeRecord({ url: '/wiki/b', title: 'Comité d’entrée', text: 'Inès Marchetti entre. Ils marchent, marchent encore.' }),
    makeRecord({ url: '/wiki/c', title: 'Réunion du lundi', text: 'Rien.' }),
    makeRecord({ url: '/wiki/d', title: 'Rôle et pôle', text: 'Rien.' }),
  ];

  it('never corrects a word found once in a body, nor another form of a known word', () => {
    const suggester = createSuggester();
    suggester.setRecords(more.slice(0, 3));
    expect(suggester.suggest('pole emploi', 'public').suggestion).toBeUndefined();
    expect(suggester.suggest('Marchetti', 'public').suggestion).toBeUndefined();
    expect(suggester.suggest('réunions', 'public').suggestion).toBeUndefined();
  });

  it('a capitalised word the audience cannot read is not turned into a body word two letters away', () => {
    const suggester = createSuggester();
    suggester.setRecords([more[1]!].map((r) => ({ ...r, text: 'Ils marchent, marchent encore.' })));
    expect(suggester.suggest('Marchetti', 'public').suggestion).toBeUndefined();
  });

  it('says nothing when two words are equally close', () => {
    const suggester = createSuggester();
    suggester.setRecords([more[3]!]);
    expect(suggester.suggest('bole', 'public').suggestion).toBeUndefined();
    expect(suggester.suggest('rolle', 'public').suggestion).toBe('rôle');
  });
});
