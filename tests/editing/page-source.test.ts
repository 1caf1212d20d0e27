import { describe, expect, it } from 'vitest';
import { buildPageSource, normalizeSource } from '../../server/editing/page-source.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { cleanMessage } from '../../server/editing/commit-message.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

describe('writing a page file', () => {
  it('keeps unknown fields and their order, and writes dates as AAAA-MM-JJ', () => {
    const existing = normalizeSource('---\npermalink: /x\ntitle: Ancien\ndate: 2026-03-12\nextra: [1, 2]\n---\n\nCorps\n');
    const keep = parsePage({ path: 'a.md' as PagePath, source: existing });
    const source = buildPageSource({
      fields: { title: 'Nouveau : titre', type: 'ressource', tags: ['Pôle Emploi'], visibility: 'public', summary: '  ' },
      body: '\r\n\r\nTexte\r\nsuite',
      keep: { permalink: '/x', title: 'Ancien', date: new Date('2026-03-12T00:00:00Z'), extra: [1, 2] },
    });
    expect(source.indexOf('permalink')).toBeLessThan(source.indexOf('title'));
    expect(source).not.toContain('summary');
    expect(source.endsWith('\n\nTexte\nsuite\n')).toBe(true);
    const page = parsePage({ path: 'a.md' as PagePath, source });
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
});
