import { describe, expect, it } from 'vitest';
import { buildRegister, createDecisionRegister } from '../../server/register/register.ts';
import { filterRegister, isOverdue, RegisterQuerySchema, urgentActions } from '../../server/register/register-query.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

const texts = new Map<string, string>();
const page = (path: string, front: string, body: string): Page => {
  const source = `---\n${front}\n---\n\n${body}\n`;
  texts.set(path, source);
  return parsePage({ path: path as PagePath, source, settings: emptySettings });
};

const pages = [
  page(
    'reunions/2026-03-10-hebdo.md',
    'title: Hebdo du 10 mars\ntype: reunion\ndate: 2026-03-10\ntags: [CAE, Atelier]\nparticipants: [Nadia, Julien]\nvisibility: equipe',
    '## Décisions\n\n- Décision : binômes de suivi pour chaque dossier.\n\n## Actions\n\n- [ ] Action : relancer la banque @Julien avant le 2026-03-20\n- [x] Action : réserver la salle @Nadia avant le 2026-03-15\n- [ ] Action : préparer l’atelier @Nadia avant le 2026-04-30\n- [ ] Action : écrire la charte',
  ),
  page(
    'agenda/atelier-public.md',
    'title: Atelier public\ntype: pad\ndate: 2026-02-01\ntags: [atelier]\nvisibility: public',
    '- Décision : l’atelier est ouvert à tous.\n- [ ] Action : imprimer les affiches @Samia pour le 2026-02-10',
  ),
  page('ressources/fiche.md', 'title: Fiche\ntype: ressource\nvisibility: public', '- Décision : pas une réunion, ignorée.'),
];
const data = buildRegister(pages.map((p) => ({ page: p, source: texts.get(p.path) ?? '' })));
const today = '2026-03-25';
const query = (q: Record<string, string>) => RegisterQuerySchema.parse(q);

describe('the decision register', () => {
  it('gathers decisions and actions of meeting pages only, newest meeting first', () => {
    expect(data.decisions.map((d) => d.text)).toEqual(['binômes de suivi pour chaque dossier.', 'l’atelier est ouvert à tous.']);
    expect(data.actions).toHaveLength(5);
    expect(data.decisions[0]?.page).toEqual({ title: 'Hebdo du 10 mars', url: '/wiki/reunions/2026-03-10-hebdo', path: 'reunions/2026-03-10-hebdo.md' });
    expect(data.actions.find((a) => a.owner === 'Julien')).toMatchObject({ due: '2026-03-20', done: false, date: '2026-03-10', tags: ['CAE', 'Atelier'] });
  });

  it('keeps the visibility of each entry’s page, for the reader to filter', () => {
    expect(data.decisions.map((d) => d.visibility)).toEqual(['equipe', 'public']);
    expect(filterRegister({ data, query: query({}), today }).decisions).toHaveLength(2);
  });

  it('filters by tag without minding case or accents', () => {
    const r = filterRegister({ data, query: query({ tag: 'ATELIER' }), today });
    expect(r.decisions).toHaveLength(2);
    const cae = filterRegister({ data, query: query({ tag: 'cae' }), today });
    expect(cae.decisions.map((d) => d.page.path)).toEqual(['reunions/2026-03-10-hebdo.md']);
  });

  it('filters actions by owner and decisions by participant', () => {
    const r = filterRegister({ data, query: query({ person: '@nadia' }), today });
    expect(r.actions.map((a) => a.text)).toEqual(['réserver la salle', 'préparer l’atelier']);
    expect(r.decisions.map((d) => d.page.path)).toEqual(['reunions/2026-03-10-hebdo.md']);
  });

  it('tells open, done and overdue actions apart from today’s date', () => {
    const statuses = (status: string) => filterRegister({ data, query: query({ status }), today }).actions.map((a) => a.text);
    expect(statuses('faites')).toEqual(['réserver la salle']);
    expect(statuses('ouvertes')).toEqual(['relancer la banque', 'préparer l’atelier', 'écrire la charte', 'imprimer les affiches']);
    expect(statuses('en-retard')).toEqual(['relancer la banque', 'imprimer les affiches']);
    expect(isOverdue({ done: false, due: '2026-03-25' }, today)).toBe(false);
    expect(isOverdue({ done: true, due: '2026-01-01' }, today)).toBe(false);
    expect(isOverdue({ done: false, due: undefined }, today)).toBe(false);
  });

  it('keeps one kind and a date range of meetings', () => {
    const r = filterRegister({ data, query: query({ kind: 'decisions', from: '2026-03-01', to: '2026-03-31' }), today });
    expect(r.actions).toEqual([]);
    expect(r.decisions.map((d) => d.date)).toEqual(['2026-03-10']);
    expect(() => query({ from: '10/03/2026' })).toThrow();
  });

  it('lists the most urgent open actions first, undated last', () => {
    expect(urgentActions({ data, today, limit: 3 }).map((a) => a.text)).toEqual(['imprimer les affiches', 'relancer la banque', 'préparer l’atelier']);
  });

  it('rebuilds only when the index version changes, reading again only the meeting pages whose text changed', async () => {
    const read: string[] = [];
    const index = {
      version: 1,
      calls: 0,
      all() {
        this.calls++;
        return pages;
      },
      async pageSource(p: Page) {
        read.push(p.path);
        return { source: texts.get(p.path) ?? '' };
      },
    };
    const register = createDecisionRegister({ index });
    const first = await register.current();
    expect(await register.current()).toBe(first);
    expect(first).toEqual(data);
    // Only meeting pages are read, once each.
    expect(read.sort()).toEqual(['agenda/atelier-public.md', 'reunions/2026-03-10-hebdo.md']);
    index.version = 2;
    const second = await register.current();
    expect(second).not.toBe(first);
    expect(second).toEqual(data);
    expect(index.calls).toBe(2);
    expect(read).toHaveLength(2);
  });
});
