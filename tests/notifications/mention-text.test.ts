import { describe, expect, test } from 'vitest';
import { findMentions, newMentions } from '../../server/notifications/mention-text.ts';
import { firstName, foldHandle, fullHandle } from '../../server/notifications/people-handles.ts';

describe('finding mentions', () => {
  test.each([
    ['@Camille peux-tu relire ?', ['Camille']],
    ['Merci @Camille.Dupont.', ['Camille.Dupont']],
    ['(@Zoé) et @Jean-Pierre', ['Zoé', 'Jean-Pierre']],
    ['écrire à camille@exemple.fr', []],
    ['du code `@Camille` ici', []],
    ['```\n@Camille\n```\n@Bruno', ['Bruno']],
    ['<!-- @Camille -->', []],
    ['- [ ] Action : relire @Camille avant le 2026-03-20', ['Camille']],
  ])('%j → %j', (text, handles) => {
    expect(findMentions(text).map((h) => h.handle)).toEqual(handles);
  });
});

describe('new mentions of a version', () => {
  test('only mentions the previous version did not have', () => {
    expect(newMentions(undefined, '@Camille bonjour').map((h) => h.handle)).toEqual(['Camille']);
    expect(newMentions('@Camille bonjour', '@Camille bonjour\n\nUn ajout.')).toEqual([]);
    expect(newMentions('@Camille bonjour', '@Camille bonjour !')).toEqual([]);
    const again = newMentions('@Camille bonjour', '@Camille bonjour\n\n@Camille encore toi');
    expect(again).toEqual([{ handle: 'Camille', line: '@Camille encore toi' }]);
  });

  test('counts per person when asked (two handles of one person are one)', () => {
    const samePerson = (h: string) => (foldHandle(h) === 'camille.dupont' ? 'camille' : foldHandle(h));
    expect(newMentions('@Camille salut', '@Camille.Dupont salut', samePerson)).toEqual([]);
  });
});

describe('handles', () => {
  test.each([
    ['Camille Dupont', 'Camille.Dupont', 'Camille'],
    ['  Jean-Pierre  Martin ', 'Jean-Pierre.Martin', 'Jean-Pierre'],
    ['Zoé (RH) L’Hôte', 'Zoé.RH.LHôte', 'Zoé'],
  ])('%s → @%s, first name %s', (name, full, first) => {
    expect(fullHandle(name)).toBe(full);
    expect(firstName(name)).toBe(first);
  });

  test('case and accents do not matter', () => {
    expect(foldHandle('Cámille.DUPONT')).toBe('camille.dupont');
  });
});
