import { describe, expect, it } from 'vitest';
import { parsePageText } from '../../server/wiki/parse-page.ts';
import { parseRepoSettings, emptySettings } from '../../server/wiki/repo-settings.ts';
import { splitFrontMatter } from '../../server/wiki/front-matter.ts';
import { inlineTags } from '../../server/wiki/inline-tags.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

// The page with the body the parser gives beside it (the page itself keeps none).
const parse = (source: string, path = 'guides/fiche.md', settings = emptySettings) => {
  const { page, body } = parsePageText({ path: path as PagePath, source, settings });
  return { ...page, body };
};
const yaml = (fields: string, body = '# Titre du corps\n') => `---\n${fields}\n---\n\n${body}`;
const toml = (fields: string, body = '# Titre du corps\n') => `+++\n${fields}\n+++\n\n${body}`;
const publicByDefault = parseRepoSettings({ visibility: 'defaut: public\n' });

describe('front matter of other generators, YAML and TOML alike', () => {
  it.each([
    ['YAML', yaml('title: Guide de l’adresse\ndescription: Comment normaliser une adresse.\ntags: [adresse]\ncategories: [API]\nkeywords: [BAN, géocodage]\ndate: 2024-01-15\nweight: 3')],
    ['TOML', toml('title = "Guide de l’adresse"\ndescription = "Comment normaliser une adresse."\ntags = ["adresse"]\ncategories = ["API"]\nkeywords = ["BAN", "géocodage"]\ndate = 2024-01-15\nweight = 3')],
  ])('maps title, description, tags, categories, keywords, date and weight (%s)', (_, source) => {
    const page = parse(source);
    expect(page.problems).toEqual([]);
    expect(page.meta).toMatchObject({
      title: 'Guide de l’adresse',
      summary: 'Comment normaliser une adresse.',
      tags: ['adresse', 'API', 'BAN', 'géocodage'],
      date: '2024-01-15',
      order: 3,
    });
    expect(page.body.trim()).toBe('# Titre du corps');
  });

  it('reads a TOML date with a time and an offset as the day written', () => {
    expect(parse(toml('date = 2024-01-15T23:30:00+02:00')).meta.date).toBe('2024-01-15');
    expect(parse(toml('date = 2023-06-01T08:00:00Z')).meta.date).toBe('2023-06-01');
  });

  it.each([
    ['weight: 2', 2],
    ['sidebar_position: 4', 4],
    ['nav_order: 1.5', 1.5],
    ['order: "7"', 7],
    ['weight: lourd', undefined],
  ])('orders within a section with %s', (field, order) => {
    const page = parse(yaml(field));
    expect(page.meta.order).toBe(order);
    expect(page.problems).toEqual([]);
  });

  it('gives no order when none is written', () => {
    expect(parse('# Page\n').meta.order).toBeUndefined();
  });

  it('keeps a page’s own summary before its description', () => {
    expect(parse(yaml('summary: Le résumé\ndescription: La description')).meta.summary).toBe('Le résumé');
  });

  it('keeps `permalink` and `slug` as the page’s declared address', () => {
    expect(parse(yaml('permalink: /guides/api-adresse/')).permalink).toBe('/guides/api-adresse/');
    expect(parse(toml('slug = "api"')).permalink).toBe('guides/api');
  });

  it('turns redirect_from and address-like aliases into redirects, other aliases stay titles', () => {
    const page = parse(yaml('aliases: [Adresse, /ancien/guide/, docs/adresse]\nredirect_from: /v1/adresse.html'));
    expect(page.redirectsFrom).toEqual(['/v1/adresse.html', '/ancien/guide/', 'docs/adresse']);
    expect(page.meta.aliases).toEqual(['Adresse']);
    expect(parse(toml('aliases = ["/old/"]')).redirectsFrom).toEqual(['/old/']);
    expect(parse('# Page\n').redirectsFrom).toEqual([]);
  });

  it('keeps unknown fields of other tools without reporting anything', () => {
    const page = parse(toml('title = "Hugo"\nlayout = "single"\n[params]\ncouleur = "bleu"\n[[menu.main]]\nname = "Accueil"'), 'guides/hugo.md', publicByDefault);
    expect(page.problems).toEqual([]);
    expect(page.meta.visibility).toBe('public');
  });

  it('ignores a generator field it cannot use rather than hiding the page', () => {
    const page = parse(yaml('description: [pas, un, texte]\ncategories: 12\nredirect_from: {a: b}'), 'guides/x.md', publicByDefault);
    expect(page.problems).toEqual([]);
    expect(page.meta.visibility).toBe('public');
  });
});

describe('draft: true', () => {
  it.each([
    ['YAML', yaml('draft: true')],
    ['TOML', toml('draft = true')],
    ['YAML, with visibility: public', yaml('draft: true\nvisibility: public')],
    ['YAML, as text', yaml('draft: "true"')],
  ])('keeps a draft team-only whatever the settings say (%s)', (_, source) => {
    const page = parse(source, 'guides/brouillon.md', publicByDefault);
    expect(page.meta).toMatchObject({ visibility: 'equipe', draft: true, visibilityFrom: 'draft' });
  });

  it('publishes a page marked draft: false as the settings say', () => {
    expect(parse(yaml('draft: false'), 'guides/a.md', publicByDefault).meta).toMatchObject({ visibility: 'public', draft: false, visibilityFrom: 'settings' });
  });

  it('reports an unreadable draft and keeps the page team-only', () => {
    const page = parse(yaml('draft: peut-être'), 'guides/a.md', publicByDefault);
    expect(page.problems[0]?.field).toBe('draft');
    expect(page.meta.visibility).toBe('equipe');
  });
});

describe('TOML front matter, read safely', () => {
  it('is not shown as text any more', () => {
    const page = parse(toml('title = "Page Hugo"', 'Le texte.\n'));
    expect(page.meta.title).toBe('Page Hugo');
    expect(page.body).not.toContain('+++');
  });

  it('reports unreadable TOML in French and keeps the page team-only', () => {
    const page = parse(toml('title = "pas fermé'), 'guides/a.md', publicByDefault);
    expect(page.problems[0]?.field).toBe('front matter');
    expect(page.problems[0]?.message).toMatch(/TOML illisible/);
    expect(page.meta.visibility).toBe('equipe');
    expect(page.body).not.toContain('pas fermé');
  });

  it('refuses TOML front matter larger than YAML’s bound', () => {
    const split = splitFrontMatter(toml(`note = "${'x'.repeat(70 * 1024)}"`));
    expect(split.error).toMatch(/trop long/);
    expect(split.data).toEqual({});
  });

  it('drops prototype keys', () => {
    const split = splitFrontMatter(toml('title = "x"\n[__proto__]\npolluted = true'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(split.data)).toEqual(['title']);
  });

  it('leaves a body that merely starts with +++ and never closes it alone', () => {
    const page = parse('+++\nPas de fin.\n');
    expect(page.body).toBe('+++\nPas de fin.\n');
    expect(page.problems).toEqual([]);
  });
});

describe('Obsidian #tags in the text', () => {
  it('tags the page with the #tags of its text', () => {
    const page = parse(yaml('tags: [outils]', '# Titre\n\nUne note #visio et #Outils, #projet/2026.\n'));
    expect(page.meta.tags).toEqual(['outils', 'visio', 'projet/2026']);
    // Kept apart, so the editor does not copy them into the front matter.
    expect(page.inlineTags).toEqual(['visio', 'projet/2026']);
  });

  it('leaves code, headings, numbers, anchors and entities alone', () => {
    const body = [
      '# Titre',
      '## Sous-titre',
      'Voir le ticket #123 et [la section](#section), https://exemple.fr/page#ancre, &#233; page#ici.',
      'Du `#code` en ligne.',
      '```bash',
      '#commentaire',
      '```',
      '',
      '    #indente',
      '',
      '#vrai au début',
    ].join('\n');
    expect(inlineTags(body)).toEqual(['vrai']);
  });
});

describe('titles from the first heading are plain text', () => {
  it.each([
    ['# **API Adresse**', 'API Adresse'],
    ['# _Guide_ de `git` et [la BAN](https://adresse.data.gouv.fr)', 'Guide de git et la BAN'],
    ['# Titre <span class="x">en HTML</span>', 'Titre en HTML'],
    ['# Voir [[Fiche visio|la fiche]] ###', 'Voir la fiche'],
    ['# ~~Ancien~~ Nouveau', 'Ancien Nouveau'],
  ])('%j → %j', (heading, title) => {
    expect(parse(`Intro\n\n${heading}\n\nTexte.\n`).meta.title).toBe(title);
  });

  it('does not take a comment in a code block for the title', () => {
    expect(parse('```bash\n# installer\n```\n\n# Le vrai titre\n').meta.title).toBe('Le vrai titre');
  });
});
