import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPagePath, type PagePath } from '../../server/wiki/paths.ts';
import { createWikiIndex, type WikiIndex } from '../../server/wiki/wiki-index.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** An index over a folder holding `files`. */
async function indexOf(files: Record<string, string>): Promise<WikiIndex> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-layouts-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  const index = createWikiIndex({ dir });
  await index.refresh();
  return index;
}

const at = (index: WikiIndex, p: string) => index.addressOf(p as PagePath);
const outline = (index: WikiIndex) => index.outline(index.all()).map((s) => ({ key: s.key, title: s.title, pages: s.pages }));

describe('which files are pages', () => {
  it.each([
    ['_posts/2024-03-12-rentree.md', true],
    ['blog/_posts/2024-03-12-rentree.md', true],
    ['content/guide/_index.md', true],
    ['_gare/visibilite.md', false],
    ['_modeles/reunion.md', false],
    ['_layouts/page.md', false],
    ['_sidebar.md', false],
    ['guide/_brouillon.md', false],
    ['.obsidian/notes.md', false],
  ])('%s is a page: %s', (p, page) => expect(isPagePath(p)).toBe(page));
});

describe('addresses of the common generators', () => {
  it('serves a folder’s landing page at the folder and redirects its path there (VuePress, Docsify)', async () => {
    const index = await indexOf({ 'docs/.vuepress/config.js': 'module.exports = {}\n', 'docs/README.md': '# Accueil\n', 'docs/guide/README.md': '# Guide\n', 'docs/guide/demarrer.md': '# Démarrer\n' });
    expect(at(index, 'docs/guide/README.md')).toBe('/wiki/guide');
    expect(at(index, 'docs/guide/demarrer.md')).toBe('/wiki/guide/demarrer');
    // Lists, feeds, search records and the export link pages where they are served.
    expect(index.get('docs/guide/README.md')?.url).toBe('/wiki/guide');
    expect(at(index, 'docs/README.md')).toBe('/wiki/docs/README');
    expect(index.matchAddress('guide/')).toEqual({ path: 'docs/guide/README.md', canonical: true });
    expect(index.matchAddress('docs/guide/demarrer')).toEqual({ path: 'docs/guide/demarrer.md', canonical: false });
    expect(index.matchAddress('docs/guide/README')).toEqual({ path: 'docs/guide/README.md', canonical: false });
    expect(index.matchAddress('guide/demarrer.md')).toEqual({ path: 'docs/guide/demarrer.md', canonical: false });
  });

  it('leaves MkDocs’s docs_dir out of addresses and serves index.md at its folder', async () => {
    const index = await indexOf({ 'mkdocs.yml': 'site_name: Doc\ndocs_dir: documentation\nmarkdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - format: !!python/name:pymdownx.superfences.fence_code_format\n', 'documentation/outils/index.md': '# Outils\n', 'documentation/outils/visio.md': '# Visio\n' });
    expect(index.layout.generators).toEqual(['mkdocs']);
    expect(at(index, 'documentation/outils/index.md')).toBe('/wiki/outils');
    expect(at(index, 'documentation/outils/visio.md')).toBe('/wiki/outils/visio');
  });

  it('orders MkDocs pages as its nav: lists them', async () => {
    const index = await indexOf({
      'mkdocs.yml': 'site_name: Doc\nnav:\n  - Accueil: index.md\n  - Outils:\n      - outils/index.md\n      - Zèbre: outils/zebre.md\n      - outils/abeille.md\n  - Ailleurs: https://exemple.org/\ntheme:\n  icon: !!python/name:material.icons\n',
      'docs/index.md': '# Accueil\n',
      'docs/outils/index.md': '# Outils\n',
      'docs/outils/abeille.md': '# Abeille\n',
      'docs/outils/zebre.md': '# Zèbre\n',
    });
    expect(outline(index)).toEqual([
      { key: '', title: undefined, pages: ['docs/index.md'] },
      { key: 'outils', title: 'Outils', pages: ['docs/outils/index.md', 'docs/outils/zebre.md', 'docs/outils/abeille.md'] },
    ]);
  });

  it('serves Hugo’s content/ without the folder, _index.md as the section, and skips archetypes and themes', async () => {
    const index = await indexOf({ 'hugo.toml': 'title = "Site"\n', 'content/billets/_index.md': '+++\ntitle = "Billets"\n+++\n', 'content/billets/premier.md': '# Premier\n', 'archetypes/default.md': '# Modèle\n', 'themes/t/README.md': '# Thème\n' });
    expect(index.all().map((p) => p.path).sort()).toEqual(['content/billets/_index.md', 'content/billets/premier.md']);
    expect(at(index, 'content/billets/_index.md')).toBe('/wiki/billets');
    expect(at(index, 'content/billets/premier.md')).toBe('/wiki/billets/premier');
  });

  it('resolves a link written relative to the published address, as on the Hugo site', async () => {
    const index = await indexOf({
      'hugo.toml': 'title = "Site"\n',
      'content/guide/demarrer.md': '# Démarrer\n\nPuis [l’étape suivante](../suite/) ou [la FAQ](../../aide/faq/).\n',
      'content/guide/suite.md': '# Suite\n',
      'content/aide/faq.md': '# FAQ\n',
    });
    expect(index.linksOf('content/guide/demarrer.md' as PagePath).map((l) => [l.resolved, l.broken])).toEqual([
      ['content/guide/suite.md', false],
      ['content/aide/faq.md', false],
    ]);
    expect(index.brokenLinks()).toEqual([]);
  });

  it('dates Jekyll posts from their name, titles them when they say nothing, and serves them where Jekyll does', async () => {
    const index = await indexOf({ '_config.yml': 'title: Le blog de l’atelier\n', '_posts/2024-03-12-reunion-de-rentree.md': 'Texte sans titre.\n', '_posts/2024-05-02-bilan.md': '---\ntitle: Bilan de printemps\n---\n' });
    const post = index.get('_posts/2024-03-12-reunion-de-rentree.md')!;
    expect(post.meta).toMatchObject({ date: '2024-03-12', title: 'Reunion de rentree' });
    expect(at(index, post.path)).toBe('/wiki/2024/03/12/reunion-de-rentree');
    expect(index.matchAddress('2024/03/12/reunion-de-rentree.html')?.path).toBe(post.path);
    expect(index.layout.title).toBe('Le blog de l’atelier');
    expect(outline(index)).toEqual([{ key: '_posts', title: 'Articles', pages: ['_posts/2024-05-02-bilan.md', '_posts/2024-03-12-reunion-de-rentree.md'] }]);
  });

  it('serves a page at its permalink and redirects its path, its aliases and redirect_from there', async () => {
    const index = await indexOf({ 'guide/api.md': '---\ntitle: API\npermalink: /api-adresse/\n---\n', 'guide/autre.md': '---\ntitle: Autre\nslug: ailleurs\n---\n' });
    expect(at(index, 'guide/api.md')).toBe('/wiki/api-adresse');
    expect(at(index, 'guide/autre.md')).toBe('/wiki/guide/ailleurs');
    expect(index.matchAddress('guide/api')).toEqual({ path: 'guide/api.md', canonical: false });
    expect(index.matchAddress('api-adresse/')).toEqual({ path: 'guide/api.md', canonical: true });
  });

  it('reads GitBook’s root, redirects and SUMMARY.md order, which is not a page itself', async () => {
    const index = await indexOf({
      '.gitbook.yaml': 'root: ./livre/\nredirects:\n  ancien/chemin: guide/installer.md\n',
      'livre/SUMMARY.md': '# Table des matières\n\n* [Accueil](README.md)\n* [Guide](guide/README.md)\n  * [Installer](guide/installer.md)\n  * [Avant tout](guide/avant.md)\n',
      'livre/README.md': '# Accueil\n',
      'livre/guide/README.md': '# Guide\n',
      'livre/guide/avant.md': '# Avant tout\n',
      'livre/guide/installer.md': '# Installer\n',
    });
    expect(index.get('livre/SUMMARY.md')).toBeUndefined();
    expect(at(index, 'livre/guide/installer.md')).toBe('/wiki/guide/installer');
    expect(index.matchAddress('ancien/chemin')).toEqual({ path: 'livre/guide/installer.md', canonical: false });
    expect(outline(index)).toEqual([
      { key: '', title: undefined, pages: ['livre/README.md'] },
      { key: 'guide', title: 'Guide', pages: ['livre/guide/README.md', 'livre/guide/installer.md', 'livre/guide/avant.md'] },
    ]);
  });
});

describe('order of the sommaire', () => {
  it('names Docusaurus sections by _category_.json and orders by position, then title; the landing page first', async () => {
    const index = await indexOf({
      'docs/b-tutos/_category_.json': '{ "label": "Tutoriels pas à pas", "position": 1 }',
      'docs/a-ref/_category_.json': '{ "label": "Référence", "position": 2 }',
      'docs/b-tutos/zebre.md': '---\nsidebar_position: 1\n---\n# Zèbre\n',
      'docs/b-tutos/abeille.md': '# Abeille\n',
      'docs/b-tutos/index.md': '# Tutoriels\n',
      'docs/a-ref/api.md': '# API\n',
    });
    const sections = outline(index);
    expect(sections.map((s) => s.title)).toEqual(['Tutoriels pas à pas', 'Référence']);
    const tutos = sections[0]!.pages;
    expect(tutos[0]).toBe('docs/b-tutos/index.md');
    expect(tutos.slice(1).sort()).toEqual(['docs/b-tutos/abeille.md', 'docs/b-tutos/zebre.md']);
    // With `order` read from sidebar_position (the front matter helper's), Zèbre comes before Abeille.
    const zebre = index.get('docs/b-tutos/zebre.md')!;
    if ((zebre.meta as { order?: number }).order === 1) expect(tutos.slice(1)).toEqual(['docs/b-tutos/zebre.md', 'docs/b-tutos/abeille.md']);
  });
});
