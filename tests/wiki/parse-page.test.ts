import { describe, expect, it } from 'vitest';
import { parsePageText } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

// The page with the body the parser gives beside it (the page itself keeps none).
const parse = (source: string, path = 'ressources/fiche.md') => {
  const { page, body } = parsePageText({ path: path as PagePath, source, settings: emptySettings });
  return { ...page, body };
};

describe('reading a page', () => {
  it('applies defaults by type: resource sheets are public under CC BY-SA', () => {
    const page = parse('---\ntitle: Visio libre\ntype: ressource\ntags: [Outils libres, visio]\ndate: 2026-03-12\n---\nTexte');
    expect(page.meta).toMatchObject({ title: 'Visio libre', visibility: 'public', license: 'CC-BY-SA-4.0', date: '2026-03-12', tags: ['Outils libres', 'visio'] });
    expect(page.tagKeys).toEqual(['outils-libres', 'visio']);
    expect(page.problems).toEqual([]);
  });

  it('keeps accompaniment files and interview reports team-only by default', () => {
    expect(parse('---\ntype: accompagnement\n---\n').meta.visibility).toBe('equipe');
    expect(parse('---\ntype: compte-rendu\n---\n').meta.visibility).toBe('equipe');
  });

  it('serves pages written with other tools: no front matter, title from the first heading', () => {
    const page = parse('Intro\n\n# Prise de notes partagée\n\n::: tip\nAstuce\n:::\n', 'imports/notes.md');
    expect(page.meta.title).toBe('Prise de notes partagée');
    expect(page.problems).toEqual([]);
  });

  it('keeps unknown fields and accepts tags as a comma-separated string', () => {
    const page = parse('---\ntitle: Ancien\npermalink: /old/\nlayout: doc\ntags: "a, b ,c"\n---\n');
    expect(page.meta.tags).toEqual(['a', 'b', 'c']);
    expect(page.problems).toEqual([]);
  });

  it('falls back to the file name when there is no title at all', () => {
    expect(parse('Du texte.', 'notes/prise-de-notes.md').meta.title).toBe('Prise de notes');
  });

  it('reports an invalid field by name, keeps the rest, and makes the page team-only', () => {
    const page = parse('---\ntitle: Fiche\ntype: ressource\nvisibility: tout-le-monde\ndate: banane\n---\nCorps');
    expect(page.problems.map((p) => p.field).sort()).toEqual(['date', 'visibility']);
    expect(page.meta.title).toBe('Fiche');
    expect(page.meta.visibility).toBe('equipe');
    expect(page.body.trim()).toBe('Corps');
  });

  it('reports unreadable YAML without throwing', () => {
    const page = parse('---\ntitle: [oops\n---\nCorps');
    expect(page.problems[0]?.field).toBe('front matter');
    expect(page.meta.visibility).toBe('equipe');
  });

  it('never evaluates ---js front matter', () => {
    const marker = '__gare_js_front_matter_ran__';
    const page = parse(`---js\n{ title: (globalThis.${marker} = true, 'x') }\n---\nCorps`);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(page.problems[0]?.message).toMatch(/exécutable refusé/);
    expect(page.meta.visibility).toBe('equipe');
  });

  it('bounds a YAML alias bomb instead of hanging', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const started = Date.now();
    const page = parse(`---\n${lines.join('\n')}\n---\nCorps`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(page.problems[0]?.message).toMatch(/trop complexe/);
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-12', '2026-03-12'],
    ['2026-01-24 14:00:00 +0100', '2026-01-24'],
  ])('reads %j as %j', (date, iso) => {
    expect(parse(`---\ndate: "${date}"\n---\n`).meta.date).toBe(iso);
  });

  it('refuses a date that is not in the calendar, in French', () => {
    const page = parse('---\ndate: "2026-13-45"\n---\n');
    expect(page.meta.date).toBeUndefined();
    expect(page.problems[0]).toMatchObject({ field: 'date' });
    expect(page.problems[0]?.message).toMatch(/AAAA-MM-JJ/);
  });

  it('explains a wrong visibility in French', () => {
    const page = parse('---\nvisibility: secret\n---\n');
    expect(page.problems[0]?.field).toBe('visibility');
    expect(page.problems[0]?.message).not.toMatch(/Invalid/);
  });
});

describe('writing front matter back', () => {
  it('writes tags inline and dates unquoted, as people write them, and reads back the same', async () => {
    const { joinFrontMatter } = await import('../../server/wiki/front-matter.ts');
    const text = joinFrontMatter({ title: 'Visio libre', tags: ['Pôle Emploi', 'visio'], date: '2026-03-12', summary: 'Une fiche : courte.' }, '\nCorps\n');
    expect(text).toContain('tags: [Pôle Emploi, visio]\n');
    expect(text).toContain('date: 2026-03-12\n');
    const page = parse(text);
    expect(page.meta).toMatchObject({ title: 'Visio libre', tags: ['Pôle Emploi', 'visio'], date: '2026-03-12', summary: 'Une fiche : courte.' });
  });
});
