/**
 * The link index (server/wiki/links.ts) and the renderer agree on the syntax of other generators:
 * `[[toc]]` is no link, `![[schema.png]]` a link to a file (never a broken page link once the
 * file exists), `#tags` and template tags hold none, a content-ref card is its inner link.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';
import { buildLinkGraph } from '../../server/wiki/link-graph.ts';
import { extractLinks } from '../../server/wiki/links.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { testResolver } from './resolver.ts';

const path = 'ressources/visio.md' as PagePath;
const extracted = (body: string) => extractLinks(body, { path }).map(({ kind, target }) => `${kind}:${target}`);
const rendered = (body: string) => renderMarkdown({ source: body, path, resolver: testResolver }).links.map(({ kind, target }) => `${kind}:${target}`);

describe('links of generator syntax, as the index extracts them', () => {
  it.each([
    ['[[toc]]', []],
    ['[[TOC]]\n\n## A', []],
    ['[TOC]', []],
    ['* TOC\n{:toc}', []],
    ['#projet et #123', []],
    ['{% include x.html %} {{ page.title }} {{< youtube a >}}', []],
    ['![[schema.png]] et ![[schema.png|300]]', ['wiki:schema.png', 'wiki:schema.png']],
    ['[[Outil de visio#Étapes]] [[#Plus bas]]', ['wiki:Outil de visio']],
    ['{% content-ref url="../outils/visio.md" %}\n[visio](../outils/visio.md)\n{% endcontent-ref %}', ['relative:outils/visio.md']],
    ['{% embed url="https://exemple.org/video" %}', ['external:https://exemple.org/video']],
    ['[a]({% link outils/visio.md %}) [b]({% post_url 2024-01-05-bilan %}) [c]({{ site.baseurl }}/outils/visio/)', ['relative:outils/visio.md', 'relative:_posts/2024-01-05-bilan.md', 'relative:/outils/visio/']],
    ['`[a]({% link outils/visio.md %})`', []],
    ['{% content-ref url="../outils/visio.md" %}\n{% endcontent-ref %}', ['relative:outils/visio.md']],
    ['!!! note "Voir"\n    Lire [la fiche](../outils/visio.md).\n\n    Et [[Outil de visio]].', ['relative:outils/visio.md', 'wiki:Outil de visio']],
  ])('%j', (body, links) => {
    expect(extracted(body)).toEqual(links);
    expect(rendered(body)).toEqual(links);
  });

  it('[[toc]] is no broken link, and ![[schema.png]] resolves to the file found by name', () => {
    const body = '[[toc]]\n\n![[schema.png]] ![[absent.png]]';
    const page = parsePage({ path, source: body, settings: emptySettings });
    const graph = buildLinkGraph(new Map([[path, page]]), new Map([[path, extractLinks(body, { path })]]), {
      byFileName: (name) => (name === 'schema.png' ? 'pieces/schema.png' : undefined),
    });
    expect(graph.linksOf(path)).toEqual([
      { kind: 'wiki', target: 'schema.png', resolved: undefined, file: true, broken: false },
      { kind: 'wiki', target: 'absent.png', resolved: undefined, file: false, broken: true },
    ]);
    expect(graph.broken).toEqual([{ from: path, target: 'absent.png', kind: 'wiki' }]);
  });
});
