import { describe, expect, it } from 'vitest';
import { buildPageSource, frontMatterOf, normalizeSource } from '../../server/editing/page-source.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import { cleanMessage } from '../../server/editing/commit-message.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

describe('writing a page file', () => {
  it('keeps unknown fields and their order, and writes dates as AAAA-MM-JJ', () => {
    const existing = normalizeSource('---\npermalink: /x\ntitle: Ancien\ndate: 2026-03-12\nextra: [1, 2]\n---\n\nCorps\n');
    const keep = parsePage({ path: 'a.md' as PagePath, source: existing, settings: emptySettings });
    const source = buildPageSource({
      fields: { title: 'Nouveau : titre', type: 'ressource', tags: ['Pôle Emploi'], visibility: 'public', summary: '  ' },
      body: '\r\n\r\nTexte\r\nsuite',
      keep: { permalink: '/x', title: 'Ancien', date: new Date('2026-03-12T00:00:00Z'), extra: [1, 2] },
    });
    expect(source.indexOf('permalink')).toBeLessThan(source.indexOf('title'));
    expect(source).not.toContain('summary');
    expect(source.endsWith('\n\nTexte\nsuite\n')).toBe(true);
    const page = parsePage({ path: 'a.md' as PagePath, source, settings: emptySettings });
    expect(page.problems).toEqual([]);
    expect(page.meta).toMatchObject({ title: 'Nouveau : titre', date: '2026-03-12', tags: ['Pôle Emploi'], visibility: 'public' });
    expect(keep.meta.date).toBe('2026-03-12');
  });

  it('normalises YAML style so a merge compares content', () => {
    expect(normalizeSource('---\ntags: [a, b]\ntitle: T\n---\nX\n')).toBe(normalizeSource('---\ntags:\n  - a\n  - b\ntitle: "T"\n---\n\nX'));
  });

  it('keeps a typed commit message on one line and drops forged credits', () => {
    expect(cleanMessage('  Corrige\nCo-authored-by: X <x@y>\n la date ', 'défaut')).toBe('Corrige — la date');
    expect(cleanMessage('   ', 'Modification de « T »')).toBe('Modification de « T »');
  });

  it('keeps the front matter bytes as written when only the body changed', () => {
    const head = "---\ntitle: 'Réunion'\ntype: \"reunion\"\n# relue en équipe\ntags:\n- 'réunion d’équipe'\n-   budget\nvisibility: equipe\ndate: '2026-03-10'\nsummary:   Le point   du mois\nextra: {a: 1}\n---\n";
    const source = `${head}\nAncien corps.\n`;
    const fields = { title: 'Réunion', type: 'reunion', tags: ['réunion d’équipe', 'budget'], visibility: 'equipe' as const, summary: 'Le point   du mois' };
    const saved = buildPageSource({ fields, body: 'Nouveau corps.\n', keep: frontMatterOf(source) });
    expect(saved).toBe(`${head}\nNouveau corps.\n`);
    expect(buildPageSource({ fields, body: 'Nouveau corps.\n', keep: splitKeep(source), original: source })).toBe(saved);
    const tight = `${head}Ancien corps.`;
    expect(buildPageSource({ fields, body: 'Ancien corps.\n', keep: frontMatterOf(tight) })).toBe(tight);
  });

  it('rewrites only the fields that changed, in place', () => {
    const source = "---\ntitle: 'Réunion'\ntags: [ a,b ]\nvisibility: equipe\n---\n\nCorps.\n";
    const saved = buildPageSource({ fields: { title: 'Réunion du 10 mars', type: 'page', tags: ['a', 'b'], visibility: 'equipe' }, body: 'Corps.\n', keep: frontMatterOf(source) });
    expect(saved).toBe('---\ntitle: Réunion du 10 mars\ntags: [ a,b ]\nvisibility: equipe\ntype: page\n---\n\nCorps.\n');
  });
});

/** Front matter read without the remembered text (a caller that parsed the file itself). */
function splitKeep(source: string): Record<string, unknown> {
  return { ...frontMatterOf(source) };
}
