/**
 * The compatibility suite: a small folder written for each common generator, served by a real hub
 * with `_gare/visibilite.yml` saying `defaut: public`, read as a visitor. Every page is reached
 * from the sommaire under its real title, in the original tool's order; no link that worked
 * there is broken here; old addresses redirect; tags, the folder's licence and the search work.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagKey } from '../../server/wiki/paths.ts';
import { licenceInfo } from '../../server/wiki/repo-settings.ts';
import { signIn } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { articleOf, fixtureGenerators, fixtureRepo, hrefsOf, readExpected, sommaireSections, textOf, type Expected } from './compat-fixture.ts';

describe.each(fixtureGenerators)('a folder written for %s', (generator) => {
  let gare: TestHub;
  let dir: string;
  let expected: Expected;
  const get = (path: string, init: RequestInit = {}) => fetch(gare.url + path, { redirect: 'manual', ...init });
  const html = async (path: string) => (await get(path)).text();

  beforeAll(async () => {
    expected = await readExpected(generator);
    dir = await fixtureRepo(generator);
    gare = await startTestHub({ contentDir: dir });
  }, 60_000);
  afterAll(async () => {
    await gare?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every page in the sommaire under its real title, at its address, section by section in order', async () => {
    const sections = sommaireSections(await html('/sommaire'));
    expect(sections.map((s) => ({ title: s.title, pages: s.pages.map((p) => p.title) }))).toEqual(expected.sections);
    const listed = new Map(sections.flatMap((s) => s.pages.map((p) => [p.title, p.href])));
    for (const page of expected.pages) expect(listed.get(page.title), page.path).toBe(page.address);
    for (const path of expected.absent ?? []) expect(gare.hub.index.get(path), path).toBeUndefined();
  });

  it('serves every page at its address with its title, tags and the folder’s licence', async () => {
    for (const page of expected.pages) {
      const response = await get(page.address);
      expect(response.status, page.address).toBe(200);
      const body = await response.text();
      expect(textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1] ?? ''), page.address).toBe(page.title);
      // The licence box names the folder's licence in words (`etalab-2.0` → « Licence Ouverte 2.0 »).
      expect(textOf(/<aside class="licence"[\s\S]*?<\/aside>/.exec(body)?.[0] ?? ''), page.address).toContain(licenceInfo(expected.licence).label);
      expect(body, page.address).not.toContain('CC BY-SA');
      for (const tag of page.tags) expect(await html(`/tags/${tagKey(tag)}`), `${page.title} #${tag}`).toContain(page.title.replace(/'/g, '&#39;'));
    }
  });

  it('resolves every link that worked in the original tool, and shows none as broken', async () => {
    for (const link of expected.links) expect(hrefsOf(articleOf(await html(link.from))), `${link.from} → ${link.to}`).toContain(link.to);
    for (const page of expected.pages) expect(articleOf(await html(page.address)), page.address).not.toMatch(/broken-link|wikilink-missing/);
    expect(await html('/sommaire')).toContain('Aucun lien cassé.');
    const team = await signIn(gare.hub, 'equipe');
    const fix = await (await get('/a-corriger', { headers: { cookie: team.cookie } })).text();
    expect(fix).toContain('Aucune page à corriger');
  });

  it('moves old and path-based addresses to the page’s address for good', async () => {
    for (const r of expected.redirects) {
      const response = await get(r.from);
      expect(response.status, r.from).toBe(301);
      expect(response.headers.get('location'), r.from).toBe(r.to);
    }
  });

  it('finds a page by its words in the search without JavaScript', async () => {
    const results = await html(`/recherche?q=${encodeURIComponent(expected.search.q)}`);
    expect(results).toContain(expected.search.finds.replace(/'/g, '&#39;'));
  });
});
