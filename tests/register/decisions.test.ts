import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../server/register/decisions.ts';

const page = (source: string, date = '2026-03-17') => extractDecisions({ source, pagePath: 'reunions/x.md', pageTitle: 'X', date, tags: [] });
const content = (path: string) => readFile(new URL(`../../content/${path}`, import.meta.url), 'utf8');

describe('decisions and actions of a meeting page', () => {
  it.each([
    ['- Décision : la réunion a lieu le mardi.', 'la réunion a lieu le mardi.'],
    ['Décision : sans puce.', 'sans puce.'],
    ['* **Décision :** en gras.', 'en gras.'],
    ['- **Décision** : gras autour du mot.', 'gras autour du mot.'],
    ['1. Decision: sans accent ni espace.', 'sans accent ni espace.'],
    ['- DÉCISION : en capitales', 'en capitales'],
    ['- décision\u00a0: espace insécable', 'espace insécable'],
    ['> - Décision : dans une citation', 'dans une citation'],
    ['- **Décision : tout en gras**', 'tout en gras'],
  ])('reads the decision in %j', (line, text) => {
    expect(page(`# Titre\n\n${line}\n`).decisions).toEqual([{ text, line: 3 }]);
  });

  it.each([
    '- Décisions : un titre, pas une décision',
    '« Décision : » entre guillemets dans une phrase',
    '- La décision : reportée',
    '## Décisions',
    '- Décision : …',
  ])('does not take %j for a decision', (line) => {
    expect(page(line).decisions).toEqual([]);
  });

  it.each([
    ['- [ ] Action : réserver la salle @Lucie avant le 2026-03-20', { text: 'réserver la salle', owner: 'Lucie', due: '2026-03-20', done: false }],
    ['- [x] Action : envoyer le compte-rendu @Julien avant le 2026-03-06', { text: 'envoyer le compte-rendu', owner: 'Julien', due: '2026-03-06', done: true }],
    ['- [X] **Action :** appeler la mairie @Anne-Sophie pour le 02/04/2026.', { text: 'appeler la mairie', owner: 'Anne-Sophie', due: '2026-04-02', done: true }],
    ['- [ ] Action : @Samia relit le dossier avant le 24/03', { text: 'Samia relit le dossier', owner: 'Samia', due: '2026-03-24', done: false }],
    ['- [ ] Action : trouver une date', { text: 'trouver une date', owner: undefined, due: undefined, done: false }],
    ['- [ ] action: rappeler @Inès d’ici le 2026-04-01', { text: 'rappeler', owner: 'Inès', due: '2026-04-01', done: false }],
    ['- [ ] Action : réserver @Lucie avant le 2026-02-30', { text: 'réserver @Lucie avant le 2026-02-30'.replace('@', ''), owner: 'Lucie', due: undefined, done: false }],
  ])('reads the action in %j', (line, expected) => {
    expect(page(line).actions).toEqual([{ ...expected, line: 1 }]);
  });

  it('gives a due date written without year the year of the meeting, or the next one', () => {
    expect(page('- [ ] Action : budget @Nadia pour le 15/01', '2026-12-08').actions[0]?.due).toBe('2027-01-15');
    expect(page('- [ ] Action : budget @Nadia pour le 15/01').actions[0]?.due).toBe('2027-01-15');
    expect(page('- [ ] Action : budget @Nadia pour le 15/04').actions[0]?.due).toBe('2026-04-15');
  });

  it('skips front matter, code blocks, HTML comments and template placeholders, and counts lines from the top', () => {
    const source = [
      '---',
      'title: "Décision : pas ici"',
      '---',
      '```markdown',
      '- Décision : exemple dans du code',
      '```',
      '<!-- Exemple : - Décision : dans un commentaire',
      '- Décision : toujours dans le commentaire -->',
      '- [ ] Action : … @Prénom avant le AAAA-MM-JJ',
      '- Décision : la vraie. <!-- note -->',
      '~~~',
      '- [ ] Action : du code @X avant le 2026-01-01',
      '~~~',
      '- [ ] Action : la vraie action @Thomas avant le 2026-04-10',
    ].join('\n');
    expect(page(source)).toEqual({
      decisions: [{ text: 'la vraie.', line: 10 }],
      actions: [{ text: 'la vraie action', owner: 'Thomas', due: '2026-04-10', done: false, line: 14 }],
    });
  });

  it('reads the sample meeting of 17 March 2026, and nothing from the tutorial and templates', async () => {
    const meeting = extractDecisions({ source: await content('reunions/2026-03-17-reunion-hebdomadaire.md'), date: '2026-03-17' });
    expect(meeting.decisions).toHaveLength(3);
    expect(meeting.decisions[0]?.text).toMatch(/^CAPE proposé à Jean-Paul Ferrand/);
    expect(meeting.actions.map((a) => [a.owner, a.due, a.done])).toEqual([
      ['Julien', '2026-03-24', true],
      ['Lucie', '2026-03-27', true],
      ['Nadia', '2026-04-03', true],
      ['Thomas', '2026-04-10', false],
    ]);
    for (const path of ['tutoriels/prendre-des-notes-de-reunion.md', '_modeles/reunion.md', '_modeles/pads/reunion-equipe.md', '_modeles/pads/vide.md']) {
      expect(extractDecisions({ source: await content(path) }), path).toEqual({ decisions: [], actions: [] });
    }
  });
});
