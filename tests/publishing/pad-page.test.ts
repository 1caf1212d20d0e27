import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../server/pads/new-pad.ts';
import { buildRegister } from '../../server/register/register.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { newPagePath, padToPage, pageToPadText, pageTypeOf, takeHeading } from '../../server/publishing/pad-page.ts';
import { sortPads } from '../../server/pads/pad-lists.ts';
import { splitFrontMatter } from '../../server/wiki/front-matter.ts';

const base = { padName: 'reunion-2026-03-10', contributors: ['Alice', 'Bob'], date: '2026-03-10', existing: undefined };

describe('pads becoming pages', () => {
  it('fills the template title and date', () => {
    const text = fillTemplate({ template: '# Réunion d’équipe — JJ mois AAAA\n\nLe JJ mois AAAA.', title: 'Hebdo', now: new Date('2026-03-10T09:00:00Z') });
    expect(text).toBe('# Hebdo\n\nLe 10 mars 2026.');
    expect(fillTemplate({ template: 'Pas de titre.', title: 'T', now: new Date('2026-03-10T09:00:00Z') })).toBe('# T\n\nPas de titre.');
  });

  it.each([
    ['reunion-equipe', 'reunion', 'reunions/2026-03-10-hebdo.md'],
    ['entretien', 'compte-rendu', 'comptes-rendus/2026-03-10-hebdo.md'],
    ['atelier', 'pad', 'pads/2026-03-10-hebdo.md'],
    [undefined, 'pad', 'pads/2026-03-10-hebdo.md'],
  ])('publishes a %s pad as a page of type %s at %s', (template, type, path) => {
    expect(pageTypeOf(template)).toBe(type);
    expect(newPagePath({ type, date: '2026-03-10', title: 'Hebdo' })).toBe(path);
  });

  it('takes the first heading as title, credits contributors and links the pad, team-only by default', () => {
    const page = padToPage({ ...base, text: '# Hebdo du mardi\n\n- Décision : oui.\n', template: 'reunion-equipe' });
    const { data, body } = splitFrontMatter(page.content);
    expect(data).toMatchObject({ title: 'Hebdo du mardi', type: 'reunion', visibility: 'equipe', participants: ['Alice', 'Bob'], pad: base.padName, tags: ['réunion d’équipe'] });
    expect(String(data['date'] instanceof Date ? data['date'].toISOString().slice(0, 10) : data['date'])).toBe('2026-03-10');
    expect(body.trim()).toBe('- Décision : oui.');
  });

  it('keeps the fields of the page published before, and lets the publisher choose title, tags and visibility', () => {
    const existing = { title: 'Ancien', type: 'compte-rendu', summary: 'Résumé gardé', participants: ['Nadia'], date: new Date('2026-01-02T00:00:00Z'), visibility: 'equipe' };
    const page = padToPage({ ...base, existing, text: 'Sans titre\n', template: 'vide', tags: ['a'], visibility: 'public', title: 'Nouveau' });
    const { data } = splitFrontMatter(page.content);
    expect(data).toMatchObject({ title: 'Nouveau', type: 'compte-rendu', summary: 'Résumé gardé', participants: ['Nadia', 'Alice', 'Bob'], tags: ['a'], visibility: 'public' });
    expect(page.date).toBe('2026-01-02');
  });

  it('turns a page back into pad text with its title as first heading', () => {
    expect(pageToPadText({ title: 'Titre', body: 'Corps.\n' })).toBe('# Titre\n\nCorps.\n');
    expect(pageToPadText({ title: 'Titre', body: '# Autre\n\nCorps.\n' })).toBe('# Autre\n\nCorps.\n');
    expect(takeHeading('texte\n# pas en tête').heading).toBeUndefined();
  });

  it('sorts pads into en cours, publiés (unchanged since the commit) and archivés', () => {
    const pad = (name: string, extra: object) => ({ name, visibility: 'equipe' as const, archived: false, createdAt: 0, updatedAt: 10_000, present: [], contributors: [], ...extra });
    const lists = sortPads({
      pads: [pad('draft', {}), pad('fresh', { publishedPath: 'p.md' }), pad('edited', { publishedPath: 'q.md', updatedAt: 20_000 }), pad('old', { archived: true })],
      lastChangeOf: (path) => (path === 'p.md' ? 9_500 : 12_000),
    });
    expect(lists.active.map((p) => p.name)).toEqual(['draft', 'edited']);
    expect(lists.published.map((p) => p.name)).toEqual(['fresh']);
    expect(lists.archived.map((p) => p.name)).toEqual(['old']);
  });

  it.each([
    ['# Réunion d’équipe du mardi 17 mars 2026\n\n- Décision : oui.\n', '2026-03-17'],
    ['# Hebdo\n\n**Date** : 17/03/2026 · **Lieu** : local\n\n## Décisions\n\n- Décision : oui.\n', '2026-03-17'],
    ['# Hebdo du 17 mars\n\n- Décision : oui.\n', '2026-03-17'],
    ['# Hebdo\n\n## Actions\n\n- Décision : oui, avant le 2026-04-01.\n', '2026-03-13'],
  ])('dates the page and its register entries by the meeting written in the pad, not the day the pad was opened (%#)', (text, day) => {
    const page = padToPage({ ...base, date: '2026-03-13', text, template: 'reunion-equipe' });
    expect(page.date).toBe(day);
    const path = newPagePath({ type: page.type, date: page.date, title: page.title }) as PagePath;
    expect(path.startsWith(`reunions/${day}-`)).toBe(true);
    const register = buildRegister([{ page: parsePage({ path, source: page.content, settings: emptySettings }), source: page.content }]);
    expect(register.decisions.map((d) => d.date)).toEqual([day]);
  });

  it('reads a meeting in January from a pad opened in December as next year’s', () => {
    expect(padToPage({ ...base, date: '2026-12-18', text: '# Réunion de rentrée du 6 janvier\n', template: 'reunion-equipe' }).date).toBe('2027-01-06');
  });
});
