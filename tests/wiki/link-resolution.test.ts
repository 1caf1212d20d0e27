import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderPool } from '../../server/markdown/render-pool.ts';
import { createPageRenderer } from '../../server/reading/render-page.ts';
import type { Page } from '../../server/wiki/page.ts';
import { createWikiIndex, type WikiIndex } from '../../server/wiki/wiki-index.ts';

const files: Record<string, string> = {
  'ressources/visio.md': '---\ntitle: Outil de visio\ntype: ressource\naliases: [Visio]\n---\nTexte.\n',
  'guide/README.md': '---\ntitle: Guide\ntype: ressource\n---\nAccueil du guide.\n',
  'guide/install.md': '---\ntitle: Installer\ntype: ressource\npermalink: /installation/\n---\nÉtapes.\n',
  'docs/index.md': '---\ntitle: Documentation\ntype: ressource\n---\n',
  'docs/api/README.md': '---\ntitle: API\ntype: ressource\n---\n',
  'hugo/post.md': '---\ntitle: Un billet\ntype: ressource\nslug: mon-billet\n---\n',
  'equipe/secret.md': '---\ntitle: Dossier Martin\ntype: accompagnement\n---\nConfidentiel.\n',
};

// One link per row: how it is written in `ressources/depart.md`, and where it must lead.
const cases: [written: string, leadsTo: string][] = [
  ['[a](visio.md)', 'ressources/visio.md'],
  ['[a](visio)', 'ressources/visio.md'],
  ['[a](./visio.md#reglages)', 'ressources/visio.md'],
  ['[a](../guide/)', 'guide/README.md'],
  ['[a](../docs)', 'docs/index.md'],
  ['[a](../docs/api/)', 'docs/api/README.md'],
  ['[a](/installation/)', 'guide/install.md'],
  ['[a](/installation/index.html)', 'guide/install.md'],
  ['[a](/hugo/mon-billet/)', 'hugo/post.md'],
  ['[a](/wiki/ressources/visio)', 'ressources/visio.md'],
  ['[a](/guide/install.md)', 'guide/install.md'],
  ['[[outil de VISIO]]', 'ressources/visio.md'],
  ['[[Visio]]', 'ressources/visio.md'],
  ['[[Outil-de-visio]]', 'ressources/visio.md'],
  ['[[docs/api/README]]', 'docs/api/README.md'],
  ['[[Dossier Martin]]', 'equipe/secret.md'],
  ['[a](plan.pdf)', 'file'],
  ['[a](/tags/x)', 'site'],
  ['[a](absente.md)', 'broken'],
  ['[a](../guide/absente/)', 'broken'],
  ['[a](../../dehors.md)', 'broken'],
  ['[[Page absente]]', 'broken'],
];

let dir: string;
let index: WikiIndex;
let from: Page;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-links-'));
  const all = { ...files, 'ressources/depart.md': `---\ntitle: Départ\ntype: ressource\n---\n${cases.map(([w]) => w).join('\n\n')}\n` };
  for (const [rel, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  index = createWikiIndex({ dir });
  await index.refresh();
  from = index.get('ressources/depart.md')!;
});
const pool = createRenderPool({ size: 1 });
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

/** The index's verdict in the table's words. */
function verdictOf(link: { resolved: string | undefined; file: boolean; broken: boolean; target: string }): string {
  if (link.broken) return 'broken';
  if (link.resolved) return link.resolved;
  return link.target.startsWith('/') ? 'site' : 'file';
}

describe('one resolver: the index and the rendered page agree on every link', () => {
  cases.forEach(([written, leadsTo], i) => {
    it(`resolves ${written} to ${leadsTo} in the index and in the rendered page`, async () => {
      const link = index.linksOf(from.path)[i]!;
      expect(verdictOf(link)).toBe(leadsTo);
      const rendered = (await createPageRenderer(index, pool)(from, 'equipe')).links[i]!;
      expect(rendered.target).toBe(link.target);
      if (leadsTo === 'broken') expect(rendered.url).toBeUndefined();
      else if (leadsTo === 'file') expect(rendered.url).toBe('/fichiers/ressources/plan.pdf');
      else if (leadsTo === 'site') expect(rendered.url).toBe('/tags/x');
      else expect(rendered.url).toBe(index.addressOf(leadsTo as never));
    });
  });

  it('renders links at the pages’ addresses: a landing page at its folder, a permalink as declared', async () => {
    const links = (await createPageRenderer(index, pool)(from, 'equipe')).links;
    expect(links[3]!.url).toBe('/wiki/guide');
    expect(links[5]!.url).toBe('/wiki/docs/api');
    expect(links[6]!.url).toBe('/wiki/installation');
  });

  it('lists as broken exactly the links the rendered page marks broken', async () => {
    const rendered = await createPageRenderer(index, pool)(from, 'equipe');
    const brokenInPage = rendered.links.filter((l) => l.kind !== 'external' && l.url === undefined).map((l) => l.target);
    expect(index.brokenLinks().map((b) => b.target)).toEqual(brokenInPage);
    expect(rendered.problems.filter((p) => p.ruleId === 'gare:broken-link')).toHaveLength(brokenInPage.length);
  });

  it('renders a link to a team page as a page to create for a visitor, without its title or address', async () => {
    const html = (await createPageRenderer(index, pool)(from, 'public')).html;
    expect(html).toContain('href="/nouvelle-page?titre=Dossier%20Martin" class="wikilink wikilink-missing" title="Page à créer"');
    expect(html).not.toContain('/wiki/equipe/secret');
    expect(index.linksOf(from.path).find((l) => l.target === 'Dossier Martin')).toEqual({
      kind: 'wiki',
      target: 'Dossier Martin',
      resolved: 'equipe/secret.md',
      file: false,
      broken: false,
    });
  });

  it('follows a permalink that changes, once the index has re-read the page', async () => {
    expect(index.backlinks('guide/install.md' as never).map((p) => p.path)).toContain('ressources/depart.md');
    await writeFile(path.join(dir, 'guide/install.md'), '---\ntitle: Installer\ntype: ressource\npermalink: /mise-en-route/\n---\nÉtapes, plus longues.\n');
    await index.refresh();
    // `/installation/` is now a site address like `/tags/x`: left as written in both, no page behind it.
    const backlinks = index.backlinks('guide/install.md' as never).map((p) => p.path);
    expect(index.linksOf(from.path)[6]).toMatchObject({ resolved: undefined, broken: false });
    expect((await createPageRenderer(index, pool)(index.get('ressources/depart.md')!, 'equipe')).links[6]!.url).toBe('/installation/');
    expect(backlinks.filter((p) => p === 'ressources/depart.md')).toHaveLength(1); // still linked as /guide/install.md
  });
});
