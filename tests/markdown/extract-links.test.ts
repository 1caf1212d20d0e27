import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../server/markdown/render-markdown.ts';

describe('extractLinks finds what a page links to, for the index', () => {
  it('lists wiki, relative and external links in document order', () => {
    const source = '# T\n\nVoir [[Pôle Emploi]], [visio](../outils/visio.md#a), ![plan](plan.png) et https://example.org.\n\n[ref][r]\n\n[r]: ./autre.md';
    expect(extractLinks(source, { path: 'ressources/a.md' })).toEqual([
      { kind: 'wiki', target: 'Pôle Emploi' },
      { kind: 'relative', target: 'outils/visio.md' },
      { kind: 'relative', target: 'ressources/plan.png' },
      { kind: 'external', target: 'https://example.org' },
      { kind: 'relative', target: 'ressources/autre.md' },
    ]);
  });

  it('keeps relative targets as written when the page path is unknown', () => {
    expect(extractLinks('[a](../x.md) [[B|texte]]')).toEqual([
      { kind: 'relative', target: '../x.md' },
      { kind: 'wiki', target: 'B' },
    ]);
  });

  it('ignores code, fragments, mail addresses and site URLs', () => {
    expect(extractLinks('`[[A]]`\n\n```\n[[B]]\n```\n\n[s](#x) [m](mailto:a@b.fr) [t](/tags/x)')).toEqual([]);
  });

  it('agrees with the renderer on an oversized page: no links', () => {
    expect(extractLinks(`[[A]] ${'a'.repeat(2_000_001)}`)).toEqual([]);
  });
});
