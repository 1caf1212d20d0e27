import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';
import { extractLinks } from '../../server/wiki/links.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { testResolver } from './resolver.ts';

const render = (source: string) => renderMarkdown({ source, path: 'ressources/visio.md', resolver: testResolver });
const preview = (source: string) => renderMarkdown({ source, path: 'ressources/visio.md' });

describe('table of contents markers', () => {
  const page = (marker: string) => `${marker}\n\n## Avant de venir\n\n### Papiers\n\n## Sur place\n`;

  it.each(['[[toc]]', '[[TOC]]', '[TOC]', '* TOC\n{:toc}'])('%s becomes the page’s headings, linked to their ids', (marker) => {
    const { html, links, problems } = render(page(marker));
    expect(html).toContain(
      '<nav class="page-toc" aria-label="Table des matières"><ol><li><a href="#avant-de-venir">Avant de venir</a><ol><li><a href="#papiers">Papiers</a></li></ol></li><li><a href="#sur-place">Sur place</a></li></ol></nav>',
    );
    expect(html).not.toMatch(/toc\]|\{:toc\}|wikilink/i);
    expect(links).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a page without headings shows no empty box, and a second marker is dropped', () => {
    expect(render('[[toc]]\n\nTexte.').html).toBe('\n<p>Texte.</p>');
    expect(render('[[toc]]\n\n## A\n\n[[toc]]').html.match(/page-toc/g)).toHaveLength(1);
  });

  it('[[toc]] written in code stays as written', () => {
    expect(render('`[[toc]]`\n\n```\n[[toc]]\n```').html).toBe('<p><code>[[toc]]</code></p>\n<pre tabindex="0"><code>[[toc]]\n</code></pre>');
  });
});

describe('admonitions of MkDocs, Docusaurus and GitBook become callouts', () => {
  it('MkDocs !!! with a title and an indented body, Markdown rendered inside, nested boxes too', () => {
    const { html } = render('!!! warning "Prenez rendez-vous"\n    Le guichet est **fermé** le lundi.\n\n    - carte\n    - justificatif\n\n    !!! tip\n        Venez tôt.\n\nAprès la boîte.');
    expect(html).toBe(
      [
        '<aside class="callout callout-warning">',
        '<p class="callout-title">Prenez rendez-vous</p>',
        '<p>Le guichet est <strong>fermé</strong> le lundi.</p>',
        '<ul>\n<li>carte</li>\n<li>justificatif</li>\n</ul>',
        '<aside class="callout callout-tip">\n<p class="callout-title">Astuce</p>\n<p>Venez tôt.</p>\n</aside>',
        '</aside>',
        '<p>Après la boîte.</p>',
      ].join('\n'),
    );
  });

  it('MkDocs ??? is a collapsible box titled in French when no title is given', () => {
    expect(render('??? danger\n    Ne pas jeter.').html).toBe('<details class="callout callout-details">\n<summary>Danger</summary>\n<p>Ne pas jeter.</p>\n</details>');
    expect(render('???+ note "Voir plus"\n    Détail.').html).toContain('<summary>Voir plus</summary>');
  });

  it('MkDocs kinds unknown to the hub map onto its kinds', () => {
    expect(render('!!! example\n    x').html).toContain('<aside class="callout callout-note">\n<p class="callout-title">Note</p>');
    expect(render('!!! bug "Souci"\n    x').html).toContain('<aside class="callout callout-danger">\n<p class="callout-title">Souci</p>');
  });

  it.each([
    ['note', 'note', 'Note'],
    ['tip', 'tip', 'Astuce'],
    ['info', 'info', 'Information'],
    ['warning', 'warning', 'Attention'],
    ['danger', 'danger', 'Danger'],
    ['caution', 'warning', 'Attention'],
  ])('Docusaurus :::%s has the callout structure and its French title', (written, kind, title) => {
    expect(render(`:::${written}\nTexte *important*.\n:::`).html).toBe(
      `<aside class="callout callout-${kind}">\n<p class="callout-title">${title}</p>\n<p>Texte <em>important</em>.</p>\n</aside>`,
    );
  });

  it('Docusaurus titles, with a space or in brackets', () => {
    expect(render(':::tip Bon à savoir\nx\n:::').html).toContain('<p class="callout-title">Bon à savoir</p>');
    expect(render(':::note[Bon à savoir]\nx\n:::').html).toContain('<p class="callout-title">Bon à savoir</p>');
  });

  it.each([
    ['info', 'info', 'Information'],
    ['success', 'tip', 'Astuce'],
    ['warning', 'warning', 'Attention'],
    ['danger', 'danger', 'Danger'],
  ])('GitBook hint style="%s" is a callout', (style, kind, title) => {
    const { html } = render(`Avant.\n\n{% hint style="${style}" %}\nÀ **retenir**.\n{% endhint %}\n\nAprès.`);
    expect(html).toBe(`<p>Avant.</p>\n<aside class="callout callout-${kind}">\n<p class="callout-title">${title}</p>\n<p>À <strong>retenir</strong>.</p>\n</aside>\n<p>Après.</p>`);
  });

  it('boxes nested past the limit show the page as text, with a French problem, instead of failing', () => {
    const source = `Début [[Outil de visio]]\n\n${'{% hint style="info" %}\n'.repeat(150)}Fond`;
    const { html, problems } = render(source);
    expect(html.startsWith('<pre class="markdown-source">Début')).toBe(true);
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:too-deep', line: 103, message: expect.stringContaining('plus de 100 encadrés (ligne 103)') })]);
    expect(extractLinks(source, { path: 'ressources/visio.md' as PagePath })).toEqual([]);
  });

  it('markers inside code blocks stay as written, and problems keep their original line', () => {
    const { html } = render('```\n!!! note\n    x\n{% hint style="info" %}\n```');
    expect(html).toBe('<pre tabindex="0"><code>!!! note\n    x\n{% hint style="info" %}\n</code></pre>');
    const { problems } = render('!!! note\n    Voir [[Page absente]].\n\nLigne 4 [[Autre absente]]');
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe('GitBook cards and embeds', () => {
  it('{% content-ref %} is a card linking the page under its title, through the resolver', () => {
    const { html, links } = render('{% content-ref url="../outils/visio.md" %}\n[visio.md](../outils/visio.md)\n{% endcontent-ref %}');
    expect(html).toBe('<p><a href="/wiki/outils/visio" class="link-card">Outil de visio</a></p>');
    expect(links).toEqual([{ kind: 'relative', target: 'outils/visio.md', url: '/wiki/outils/visio' }]);
  });

  it('a card to a missing page is a broken link, reported', () => {
    const { html, problems } = render('{% content-ref url="absente.md" %}\n[Absente](absente.md)\n{% endcontent-ref %}');
    expect(html).toContain('class="link-card broken-link"');
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:broken-link' })]);
  });

  it('a card or an embed to a javascript: address links nowhere', () => {
    const { html } = render('{% embed url="javascript:alert(1)" %}\n\n{% content-ref url="javascript:alert(2)" %}\n{% endcontent-ref %}');
    expect(html).not.toMatch(/href="\s*javascript/i);
  });

  it('{% embed url %} is a plain link', () => {
    const { html } = render('{% embed url="https://www.youtube.com/watch?v=abc" %}');
    expect(html).toBe(
      '<p><a href="https://www.youtube.com/watch?v=abc" class="external" rel="noopener noreferrer nofollow">https://www.youtube.com/watch?v=abc<span class="visually-hidden" data-pagefind-ignore> (lien externe)</span></a></p>',
    );
  });
});

describe('Jekyll link tags', () => {
  it('{% link %}, {% post_url %} and {{ site.baseurl }} lead to the page through the resolver', () => {
    const { html, problems } = render('[a]({% link outils/visio.md %}) et [b]({{ site.baseurl }}/outils/visio.md)\n\n`({% link x.md %})`');
    expect(html).toBe('<p><a href="/wiki/outils/visio">a</a> et <a href="/wiki/outils/visio">b</a></p>\n<p><code>({% link x.md %})</code></p>');
    expect(problems).toEqual([]);
  });
});

describe('unknown template tags are a quiet notice, never raw text', () => {
  const notice = (tag: string) => `<span class="template-notice">Élément de mise en page non pris en charge : <code>${tag}</code></span>`;

  it('Liquid, Jinja and Hugo tags in text', () => {
    const { html } = render('Avant {% include alerte.html %} et {{ page.title }}.\n\n{{< youtube abc >}}\n\n{{% notice info %}}\nTexte\n{{% /notice %}}\n\n{{<figure src="x.png">}}');
    expect(html).toBe(
      [
        `<p>Avant ${notice('{% include alerte.html %}')} et ${notice('{{ page.title }}')}.</p>`,
        `<p>${notice('{{&#x3C; youtube abc >}}')}</p>`,
        `<p>${notice('{{% notice info %}}')}\nTexte\n</p>`,
        `<p>${notice('{{&#x3C;figure src="x.png">}}')}</p>`,
      ].join('\n'),
    );
  });

  it('closing tags and raw markers vanish; a paragraph left empty goes', () => {
    expect(render('{% if user %}\nBonjour\n{% endif %}\n\n{% endraw %}').html).toBe(`<p>${notice('{% if user %}')}\nBonjour\n</p>`);
  });

  it('tags inside code blocks and inline code stay as written', () => {
    const { html, problems } = render('`{% include x %}` et `{{< y >}}`\n\n```liquid\n{% for p in pages %}{{ p.title }}{% endfor %}\n```');
    expect(html).toBe('<p><code>{% include x %}</code> et <code>{{&#x3C; y >}}</code></p>\n<pre tabindex="0"><code class="language-liquid">{% for p in pages %}{{ p.title }}{% endfor %}\n</code></pre>');
    expect(problems).toEqual([]);
  });
});

describe('Obsidian syntax', () => {
  it('![[image.png]] is the image, found by file name, with its width', () => {
    const { html, links, problems } = render('![[schema.png]] et ![[schema.png|300]]');
    expect(html).toBe('<p><img src="/fichiers/pieces/schema.png" alt="schema"> et <img src="/fichiers/pieces/schema.png" alt="schema" width="300"></p>');
    expect(links).toEqual([
      { kind: 'wiki', target: 'schema.png', url: '/fichiers/pieces/schema.png' },
      { kind: 'wiki', target: 'schema.png', url: '/fichiers/pieces/schema.png' },
    ]);
    expect(problems).toEqual([]);
  });

  it('a missing embedded file is reported, and a PDF embed is a link', () => {
    const { html, problems } = render('![[absent.png]]\n\n![[guide.pdf]]');
    expect(html).toContain('<a href="/recherche?q=absent.png" class="wikilink wikilink-missing" title="Fichier introuvable">absent.png</a>');
    expect(html).toContain('<a href="/fichiers/ressources/guide.pdf" class="wikilink">guide.pdf</a>');
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:broken-link', message: expect.stringContaining('absent.png') })]);
  });

  it('a resolver that cannot tell (the editor lists no files) does not call an embed broken', () => {
    const { html, problems } = renderMarkdown({ source: '![[schema.png]]', path: 'a.md', resolver: { resolve: () => ({ kind: 'site' }) } });
    expect(html).toBe('<p><a href="/recherche?q=schema.png" class="wikilink">schema.png</a></p>');
    expect(problems).toEqual([]);
  });

  it('![[Autre note]] is a card to that page', () => {
    expect(render('![[Outil de visio]]').html).toBe('<p><a href="/wiki/outils/visio" class="wikilink link-card">Outil de visio</a></p>');
  });

  it('[[note#titre]] links to the heading of that page; [[#titre]] within the page', () => {
    const { html, links } = render('[[Outil de visio#Prochaines étapes]] et [[#Plus bas|plus bas]]');
    expect(html).toBe('<p><a href="/wiki/outils/visio#prochaines-etapes" class="wikilink" title="Outil de visio">Outil de visio › Prochaines étapes</a> et <a href="#plus-bas">plus bas</a></p>');
    expect(links).toEqual([{ kind: 'wiki', target: 'Outil de visio', url: '/wiki/outils/visio#prochaines-etapes' }]);
  });

  it('#tag in text links to the tag page; not in code, headings, URLs, nor #123', () => {
    const { html, links } = render('## Titre #pas-tag\n\nSuivi #projet/2024 et #Énergie, ticket #123, `#code`, https://exemple.org/page#ancre et a#b.');
    expect(html).toContain('<a href="/tags/projet-2024" class="tag-link">#projet/2024</a> et <a href="/tags/energie" class="tag-link">#Énergie</a>, ticket #123, <code>#code</code>');
    expect(html).toContain('href="https://exemple.org/page#ancre"');
    expect(html).toContain(' et a#b.');
    expect(html).toContain('<h2 id="titre-pas-tag">Titre #pas-tag');
    expect(links).toEqual([{ kind: 'external', target: 'https://exemple.org/page#ancre', url: 'https://exemple.org/page#ancre' }]);
  });

  it('the editor preview (no resolver) renders every syntax without calling anything broken', () => {
    const { html, problems } = preview('[[toc]]\n\n## A\n\n!!! note\n    x\n\n![[schema.png]] #tag {% include y %}');
    expect(html).toContain('page-toc');
    expect(html).toContain('callout-note');
    expect(html).toContain('<a href="/recherche?q=schema.png" class="wikilink">schema.png</a>');
    expect(problems).toEqual([]);
  });
});
