import { describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_BYTES, renderMarkdown } from '../../server/markdown/render-markdown.ts';
import { testResolver } from './resolver.ts';

const render = (source: string) => renderMarkdown({ source, path: 'ressources/visio.md', resolver: testResolver });

describe('contributed Markdown cannot run code or change the page', () => {
  it('a script tag in a page is not in the HTML', () => {
    const { html } = render('Avant\n\n<script>alert("x")</script>\n\nTexte <script>fetch("/api")</script> fin');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Avant');
  });

  it('an onerror attribute is stripped', () => {
    const { html } = render('<img src="x" onerror="alert(1)">\n\n![a](https://example.org/a.png "t")');
    expect(html).not.toMatch(/onerror/i);
    expect(html).toContain('<img src="https://example.org/a.png"');
  });

  it('a javascript: link is neutralised', () => {
    const { html } = render('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java%0ascript:alert(1)) <javascript:alert(1)>');
    expect(html).not.toMatch(/(href|src)="\s*javascript:/i);
    expect(html).toContain('<a>a</a> <a>b</a>');
  });

  it('a data: URL is refused, in links and in images', () => {
    const { html } = render('[a](data:text/html,<b>x</b>) ![i](data:image/png;base64,AAAA)');
    expect(html).not.toMatch(/data:/i);
  });

  it('an iframe is removed', () => {
    const { html } = render('<iframe src="https://evil.example"></iframe>\n\nTexte <iframe src="x"></iframe>');
    expect(html).not.toMatch(/iframe/i);
  });

  it('style attribute removed, and style and link tags too', () => {
    const { html } = render('<p style="display:none">x</p>\n\n<style>body{}</style>\n\n<link rel="stylesheet" href="x.css">\n\nTexte <span style="color:red">rouge</span>');
    expect(html).not.toMatch(/style|<link|<p>x/i);
    expect(html).toContain('rouge');
  });

  it('forms, objects and SVG never reach the page', () => {
    const { html } = render('<form><input name="p"></form>\n\n<object data="x"></object><embed src="x">\n\n<svg onload="alert(1)"><script>1</script></svg>');
    expect(html).not.toMatch(/<form|<input|<object|<embed|<svg|onload/i);
  });

  it('dropped raw HTML is reported so the writer knows why it does not show', () => {
    const { problems } = render('Texte\n\n<div align="center">Bloc</div>');
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:raw-html', line: 3 })]);
  });

  it('harmless inline tags like kbd and br are kept', () => {
    const { html } = render('Faites <kbd>Ctrl</kbd>+<kbd>S</kbd><br>puis H<sub>2</sub>O');
    expect(html).toContain('<kbd>Ctrl</kbd>+<kbd>S</kbd><br>');
    expect(html).toContain('H<sub>2</sub>O');
  });
});

describe('links between pages', () => {
  it('[[Titre]] links to the page', () => {
    const { html, links, problems } = render('Voir [[pole emploi]] et [[France Travail|la page]].');
    expect(html).toContain('<a href="/wiki/ressources/france-travail" class="wikilink" title="France Travail">pole emploi</a>');
    expect(html).toContain('>la page</a>');
    expect(links).toEqual([
      { kind: 'wiki', target: 'pole emploi', url: '/wiki/ressources/france-travail' },
      { kind: 'wiki', target: 'France Travail', url: '/wiki/ressources/france-travail' },
    ]);
    expect(problems).toEqual([]);
  });

  it('a missing [[Titre]] is marked and reported', () => {
    const { html, links, problems } = render('Ligne un\n\nVoir [[Page à écrire]].');
    expect(html).toContain('<a href="/nouvelle-page?titre=Page%20%C3%A0%20%C3%A9crire" class="wikilink wikilink-missing" title="Page à créer">');
    expect(links).toEqual([{ kind: 'wiki', target: 'Page à écrire', url: undefined }]);
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:broken-link', line: 3 })]);
    expect(problems[0]?.message).toContain('Page à écrire');
  });

  it('[[Titre]] inside code is left as code', () => {
    const { html } = render('`[[Pôle Emploi]]`\n\n```\n[[Pôle Emploi]]\n```');
    expect(html).not.toContain('wikilink');
  });

  it('relative link to ../x.md becomes /wiki/…', () => {
    const { html, links } = render('[visio](../outils/visio.md#reglages) et [plan](./plan.pdf)');
    expect(html).toContain('<a href="/wiki/outils/visio#reglages">visio</a>');
    expect(html).toContain('<a href="/fichiers/ressources/plan.pdf">plan</a>');
    expect(links).toEqual([
      { kind: 'relative', target: 'outils/visio.md', url: '/wiki/outils/visio' },
      { kind: 'relative', target: 'ressources/plan.pdf', url: '/fichiers/ressources/plan.pdf' },
    ]);
  });

  it('a relative link to a missing page is marked broken and reported', () => {
    const { html, problems } = render('[x](absente.md) [y](../../hors.md)');
    expect(html.match(/class="broken-link"/g)).toHaveLength(2);
    expect(problems.map((p) => p.ruleId)).toEqual(['gare:broken-link', 'gare:broken-link']);
  });

  it('external links are marked', () => {
    const { html, links } = render('[Framasoft](https://framasoft.org) et www.coop.fr');
    expect(html).toContain('<a href="https://framasoft.org" class="external" rel="noopener noreferrer nofollow">Framasoft<span class="visually-hidden" data-pagefind-ignore> (lien externe)</span></a>');
    expect(links.map((l) => l.kind)).toEqual(['external', 'external']);
  });

  it('without a resolver (editor preview) nothing is reported broken', () => {
    const { html, problems } = renderMarkdown({ source: '[[Inconnue]] [x](../outils/visio.md)', path: 'ressources/a.md' });
    expect(problems).toEqual([]);
    expect(html).toContain('href="/wiki/outils/visio"');
    expect(html).not.toContain('wikilink-missing');
  });
});

describe('structure', () => {
  it('headings get French-friendly ids and feed the table of contents', () => {
    const { html, headings } = render('# Réunion d’équipe\n\n## Prochaines étapes\n\n## Prochaines étapes\n\n### L’œuvre & le café');
    expect(headings).toEqual([
      { depth: 1, text: 'Réunion d’équipe', id: 'reunion-d-equipe' },
      { depth: 2, text: 'Prochaines étapes', id: 'prochaines-etapes' },
      { depth: 2, text: 'Prochaines étapes', id: 'prochaines-etapes-1' },
      { depth: 3, text: 'L’œuvre & le café', id: 'l-oeuvre-le-cafe' },
    ]);
    expect(html).toContain('<h2 id="prochaines-etapes">Prochaines étapes<a class="heading-anchor"');
    expect(html).toContain('href="#prochaines-etapes"');
  });

  it('::: tip becomes a callout', () => {
    const { html } = render('Texte\n::: tip\nUn **conseil**.\n:::\n\n::: warning Données personnelles\nPrudence.\n:::');
    expect(html).toContain('<aside class="callout callout-tip">\n<p class="callout-title">Astuce</p>\n<p>Un <strong>conseil</strong>.</p>\n</aside>');
    expect(html).toContain('<aside class="callout callout-warning">\n<p class="callout-title">Données personnelles</p>');
    expect(html).not.toContain(':::');
  });

  it('GFM tables, task lists and footnotes are rendered', () => {
    const { html } = render('| a |\n|---|\n| b |\n\n- [x] fait\n\nNote[^1]\n\n[^1]: texte');
    expect(html).toContain('<td>b</td>');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Tâche faite">');
    expect(html).toContain('<a href="#fn-1" id="fnref-1"');
    expect(html).toContain('<li id="fn-1">');
  });
});

describe('pathological pages are bounded, never a hang', () => {
  // The bound is a guard against a hang, not a speed figure (that is `npm run bench`).
  it('1,000 nested lists are shown bounded, never a hang', () => {
    const source = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- niveau ${i}`).join('\n');
    const start = performance.now();
    const { problems } = render(source);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:too-large' })]);
  });

  it('300 nested lists within the size limit are shown as text with a problem', () => {
    const source = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- niveau ${i}`).join('\n');
    const { html, problems } = render(source);
    expect(html).toContain('niveau 299');
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:too-deep' })]);
  });

  it('10,000 nested blockquotes are shown as text, never a hang', () => {
    const start = performance.now();
    const { html, problems } = render(`${'>'.repeat(10_000)} fond`);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(html).toContain('fond');
    expect(html).not.toContain('<blockquote>');
    expect(problems[0]?.ruleId).toBe('gare:too-deep');
  });

  it('a few nested lists still render as lists', () => {
    const { html, problems } = render('- a\n  - b\n    - c');
    expect(html.match(/<ul>/g)).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('a paragraph of 40,000 unmatched emphasis markers renders as text, never a hang', () => {
    const start = performance.now();
    const { html, problems } = render('*a_'.repeat(20_000));
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(html).toContain('*a_*a_');
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:too-complex', line: 1 })]);
  });

  it('a 10 MB page is refused with a message', () => {
    const start = performance.now();
    const { html, problems } = render('a'.repeat(10_000_000));
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(html).toMatch(/^<p class="markdown-notice">Page trop volumineuse pour être affichée : 10 Mo/);
    expect(problems).toEqual([expect.objectContaining({ ruleId: 'gare:too-large' })]);
  });

  it('a page just under the limit in characters but over it in bytes is refused', () => {
    const { problems } = render('é'.repeat(MAX_MARKDOWN_BYTES / 2 + 1));
    expect(problems[0]?.ruleId).toBe('gare:too-large');
  });
});

describe('post-render edits, as plugins', () => {
  it('leaves out a first heading repeating the page title, and keeps it out of the table of contents', () => {
    const { html, headings } = renderMarkdown({ source: '# Écrire à **plusieurs**\n\n## Suite', title: 'écrire à plusieurs' });
    expect(html).not.toContain('<h1');
    expect(headings.map((h) => h.text)).toEqual(['Suite']);
  });

  it('keeps a first heading that differs from the title, and every heading when no title is given', () => {
    expect(renderMarkdown({ source: '# Autre chose', title: 'Titre' }).html).toContain('<h1 id="autre-chose">');
    expect(renderMarkdown({ source: '# Titre' }).html).toContain('<h1 id="titre">');
  });

  it('makes tables and code blocks keyboard-focusable and names task-list checkboxes', () => {
    const { html } = renderMarkdown({ source: '| a |\n|---|\n| b |\n\n```\ncode\n```\n\n- [ ] à faire' });
    expect(html).toContain('<table tabindex="0">');
    expect(html).toContain('<pre tabindex="0">');
    expect(html).toContain('<input type="checkbox" disabled aria-label="Tâche à faire">');
  });
});
