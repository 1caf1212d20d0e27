import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';
import { extractLinks } from '../../server/wiki/links.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

const path = 'ressources/a.md' as PagePath;
const extract = (source: string) => extractLinks(source, { path });
/** What the renderer records, in the extractor's shape. */
const rendered = (source: string) =>
  renderMarkdown({ source, path, resolver: { resolve: () => ({ kind: 'missing' }) } }).links.map(({ kind, target }) => ({ kind, target }));

describe('extractLinks finds what a page links to, for the index', () => {
  it('lists wiki, relative and external links in document order', () => {
    const source = '# T\n\nVoir [[Pôle Emploi]], [visio](../outils/visio.md#a), ![plan](plan.png) et https://example.org.\n\n[ref][r]\n\n[r]: ./autre.md';
    expect(extract(source)).toEqual([
      { kind: 'wiki', target: 'Pôle Emploi' },
      { kind: 'relative', target: 'outils/visio.md' },
      { kind: 'relative', target: 'ressources/plan.png' },
      { kind: 'external', target: 'https://example.org' },
      { kind: 'relative', target: 'ressources/autre.md' },
    ]);
  });

  it('keeps site addresses with their leading slash, for the resolver to try as page addresses', () => {
    expect(extract('[api](/guide/api/) [tag](/tags/x) [racine](/outils/visio.md)')).toEqual([
      { kind: 'relative', target: '/guide/api/' },
      { kind: 'relative', target: '/tags/x' },
      { kind: 'relative', target: 'outils/visio.md' },
    ]);
  });

  it('ignores code, fragments, mail addresses, raw HTML and escaped brackets', () => {
    const source = '`[[A]]` ``x `[[B]]` y``\n\n```\n[[C]]\n```\n\n~~~\n[d](d.md)\n~~~\n\n[s](#x) [m](mailto:a@b.fr) <a href="e.md">e</a> \\[[F]] <!-- [[G]] -->';
    expect(extract(source)).toEqual([]);
  });

  it('agrees with the renderer on an oversized page: no links', () => {
    expect(extract(`[[A]] ${'a'.repeat(200_001)}`)).toEqual([]);
  });
});

// Each source is rendered and scanned: both must find the same links in the same order.
const agreement: [string, string][] = [
  ['wiki links with labels and embeds', 'Voir [[Pôle Emploi|le guide]] et ![[schema.png]], puis [[  Outil   de visio ]].'],
  ['inline links with titles and angle brackets', '[a](b.md "titre") [c](<d e.md>) [f](../g/h.md?x=1#y) [i](j.md \'t\')'],
  ['images inside links (badges)', '[![statut](badge.svg)](https://ci.example.org/projet)'],
  ['reference links, used or not, defined after use', '[texte][Ref] [Ref][] [ref]\n\n[ref]: cible.md "Titre"\n[inutile]: autre.md'],
  ['footnotes are not links', 'Texte[^1].\n\n[^1]: Une note qui cite [[Une page]].'],
  ['autolinks and bare URLs', '<https://a.example.org/x> https://b.example.org/y). www.coop.fr, et (https://c.example.org/z)'],
  ['links in lists, quotes, tables and headings', '# Titre [[A]]\n\n- [b](b.md)\n  > [[C]]\n\n| x | y |\n|---|---|\n| [d](d.md) | [[E]] |'],
  ['code spans and fences hide links', 'Du `[[code]]` et [[vrai]]\n\n```md\n[[faux]]\n```\n\n    indenté [[mais lien]] ? non : code\n'],
  ['site addresses and fragments', '[a](/wiki/outils/visio) [b](#section) [c](/guide/) [d](//cdn.example.org/x.js)'],
  ['containers and callouts', '::: tip Astuce\nVoir [[Astuce]].\n:::\n\n> [!NOTE]\n> Lire [la note](note.md).'],
];

describe('the index and the renderer agree on what a link is', () => {
  for (const [name, source] of agreement) {
    it(`finds the same links as the renderer: ${name}`, () => {
      expect(extract(source)).toEqual(rendered(source));
    });
  }
});

describe('the index and the renderer agree on every page of the sample wiki', () => {
  it('finds the same links as the renderer in each page of content/', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { splitFrontMatter } = await import('../../server/wiki/front-matter.ts');
    const root = new URL('../../content/', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.md') && !f.startsWith('_') && !f.startsWith('.'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { body } = splitFrontMatter(await readFile(new URL(file, root), 'utf8'));
      const page = file as PagePath;
      const fromRenderer = renderMarkdown({ source: body, path: page, resolver: { resolve: () => ({ kind: 'missing' }) } }).links.map(({ kind, target }) => ({ kind, target }));
      expect({ file, links: extractLinks(body, { path: page }) }).toEqual({ file, links: fromRenderer });
    }
  });
});
