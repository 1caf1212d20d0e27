/**
 * A folder of another tool's pages, served as it is: the admin is told how many pages only the
 * team sees for want of a setting, writes `_gare/visibilite.yml` in one click (a commit), and a
 * visitor then reads them, under the folder's licence (page, footer, static export).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../server/export/export-site.ts';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let repo: string;
let gare: TestHub;
let browser: Browser;
let admin: TestSession;
let adminContext: BrowserContext;
const errors: string[] = [];

const files: Record<string, string> = {
  'README.md': '# **Accueil de la documentation**\n\nVoir [le guide](guide/adresse.md).\n',
  'guide/adresse.md': '---\ntitle: Guide de l’adresse\ndescription: Normaliser une adresse avec la BAN.\ncategories: [API]\n---\n\nLes géocodeurs libres #cartographie.\n',
  'guide/brouillon.md': '---\ntitle: Brouillon en cours\ndraft: true\n---\n\nPas encore prêt.\n',
  'hugo/page.md': '+++\ntitle = "Page Hugo"\nweight = 2\n+++\n\nTexte de la page Hugo.\n',
  'accompagnements/martin.md': '---\ntype: accompagnement\n---\n\n# Dossier Martin\n\nDonnées personnelles.\n',
  '_gare/licence.yml': 'defaut: etalab-2.0\nrubriques:\n  hugo: CC0-1.0\n  accompagnements: CC-BY-4.0\n',
};

const git = (...args: string[]): string =>
  execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z' },
  }).trim();
const visitor = (address: string) => fetch(gare.url + address);

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'gare-folder-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
  }
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Doc', '-c', 'user.email=doc@example.org', 'commit', '-q', '-m', 'Documentation VuePress');
  gare = await startTestHub({ contentDir: repo });
  browser = await launchBrowser();
  admin = await signIn(gare.hub, 'admin', 'Aline Admin');
  adminContext = await loggedInContext(browser, gare, admin);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

describe('a folder served as it is, made public by the admin', () => {
  it('keeps every page from a visitor until a setting says otherwise', async () => {
    expect((await visitor('/wiki/guide/adresse')).status).toBe(404);
    expect((await visitor('/wiki/hugo/page')).status).toBe(404);
  });

  it('tells the admin on /admin how many pages only the team sees, by folder', async () => {
    const page = await adminContext.newPage();
    collectPageErrors(page, errors);
    await page.goto(gare.url + '/admin');
    const notice = page.locator('.visibility-defaults');
    expect(await notice.locator('h2').innerText()).toBe('4 pages ne sont visibles que par l’équipe, faute de réglage');
    // The accompaniment file's folder is suggested for the team.
    expect(await page.getByRole('group', { name: /accompagnements/ }).getByLabel('Équipe seulement').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: /guide/ }).getByLabel('Public').isChecked()).toBe(true);
    await page.close();
  });

  it('writes _gare/visibilite.yml from the home page in one click, and a visitor then reads the pages', async () => {
    const before = git('rev-parse', 'HEAD');
    const page = await adminContext.newPage();
    collectPageErrors(page, errors);
    await page.goto(gare.url + '/');
    await page.getByRole('button', { name: 'Rendre ces 4 pages publiques par défaut' }).click();
    await page.waitForURL(/\?ok=/);
    expect(await page.getByRole('status').filter({ hasText: 'visibilite.yml' }).innerText()).toContain('_gare/visibilite.yml est enregistré');
    expect(await page.locator('.visibility-defaults').count()).toBe(0);

    expect(git('rev-parse', 'HEAD')).not.toBe(before);
    expect(git('log', '-1', '--format=%an')).toBe('Aline Admin');
    const written = git('show', 'HEAD:_gare/visibilite.yml');
    expect(written).toContain('defaut: public');
    expect(written).toMatch(/rubriques:\n {2}accompagnements: equipe/);
    await page.close();

    const guide = await visitor('/wiki/guide/adresse');
    expect(guide.status).toBe(200);
    expect(await guide.text()).toContain('Les géocodeurs libres');
    expect((await visitor('/wiki/hugo/page')).status).toBe(200);
    // A draft and the accompaniment folder stay with the team.
    expect((await visitor('/wiki/guide/brouillon')).status).toBe(404);
    expect((await visitor('/wiki/accompagnements/martin')).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('refuses the same request from someone who is not an admin', async () => {
    const post = (who: TestSession, body: object) =>
      fetch(gare.url + '/api/reglages/visibilite', {
        method: 'POST',
        headers: { cookie: who.cookie, 'content-type': 'application/json', 'x-csrf-token': who.csrf, origin: gare.url },
        body: JSON.stringify({ baseVersion: git('rev-parse', 'HEAD'), ...body }),
      });
    const same = await post(admin, { defaut: 'public', rubriques: { accompagnements: 'equipe' } });
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ changed: false });
    const team = await signIn(gare.hub, 'equipe', 'Émile Équipe');
    expect((await post(team, { defaut: 'equipe' })).status).toBe(403);
    expect((await post(admin, { defaut: 'secret' })).status).toBe(400);
    // Read before the file was written: refused rather than written over.
    const stale = await fetch(gare.url + '/api/reglages/visibilite', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json', 'x-csrf-token': admin.csrf, origin: gare.url },
      body: JSON.stringify({ baseVersion: git('rev-list', '--max-parents=0', 'HEAD'), defaut: 'equipe' }),
    });
    expect(stale.status).toBe(409);
    // Nobody but an admin is offered the form.
    const home = await (await fetch(gare.url + '/', { headers: { cookie: team.cookie } })).text();
    expect(home).not.toContain('visibility-defaults');
    expect(git('show', 'HEAD:_gare/visibilite.yml')).toContain('defaut: public');
  });

  it('shows the folder’s licence on the page and in the footer, linked, not CC BY-SA', async () => {
    const page = await browser.newPage();
    await page.goto(gare.url + '/wiki/guide/adresse');
    const notice = page.getByRole('complementary', { name: 'Licence' });
    expect(await notice.innerText()).toContain('Licence Ouverte 2.0');
    expect(await notice.getByRole('link', { name: /Licence Ouverte/ }).getAttribute('href')).toContain('etalab');
    const footer = await page.locator('footer.site-footer').innerText();
    expect(footer).toContain('Licence Ouverte 2.0');
    expect(footer).not.toContain('CC BY-SA');
    // A folder with its own licence is named only to those who read one of its pages.
    expect(footer).toMatch(/hugo\/ \(CC0 1\.0/);
    expect(footer).not.toContain('accompagnements');
    await page.close();
    const team = await adminContext.newPage();
    await team.goto(gare.url + '/wiki/guide/adresse');
    expect(await team.locator('footer.site-footer').innerText()).toMatch(/accompagnements\/ \(CC BY 4\.0/);
    await team.close();
  });

  it('tags the page with its categories and #tags, and the editor leaves the #tags in the text', async () => {
    const html = await (await visitor('/wiki/guide/adresse')).text();
    expect(html).toContain('href="/tags/cartographie"');
    expect(html).toContain('href="/tags/api"');
    const editor = await (await fetch(gare.url + '/modifier/guide/adresse', { headers: { cookie: admin.cookie } })).text();
    const field = /id="champ-etiquettes"[^>]*value="([^"]*)"/.exec(editor)?.[1] ?? /value="([^"]*)"[^>]*id="champ-etiquettes"/.exec(editor)?.[1];
    expect(field).toBe('API');
  });

  it('exports the site with the folder’s licence', async () => {
    const outDir = path.join(gare.dataDir, 'export');
    await exportSite({ gare, outDir, clientDir: path.join(root, 'dist', 'client') });
    const html = await readFile(path.join(outDir, 'wiki', 'guide', 'adresse', 'index.html'), 'utf8').catch(() => readFile(path.join(outDir, 'wiki', 'guide', 'adresse.html'), 'utf8'));
    expect(html).toContain('Licence Ouverte 2.0');
    expect(html).not.toContain('CC BY-SA');
  }, 60_000);

  it('names the folder’s licence at the end of a downloaded document', async () => {
    const odt = await visitor('/api/export/guide/adresse.odt');
    expect(odt.status).toBe(200);
    const content = new TextDecoder().decode(unzipSync(new Uint8Array(await odt.arrayBuffer()))['content.xml']);
    expect(content).toContain('Licence Ouverte 2.0');
    expect(content).toContain('etalab.gouv.fr');
  });

  it('lists a broken settings file on « Pages à corriger » for the team, with the French reason', async () => {
    await gare.hub.editing.commitAtHead(async () => ({
      commit: { changes: [{ path: '_gare/licence.yml', content: 'defaut: "pas une licence !"\n' }], author: { name: 'Doc', email: 'doc@example.org' }, message: 'Licence cassée' },
      value: undefined,
    }));
    const page = await adminContext.newPage();
    await page.goto(gare.url + '/a-corriger');
    const section = page.getByRole('region', { name: 'Réglages du dépôt à corriger' });
    const text = await section.innerText();
    expect(text).toContain('_gare/licence.yml');
    expect(text).toContain('identifiant SPDX attendu');
    await page.close();
    expect(await (await visitor('/a-corriger')).text()).not.toContain('_gare/licence.yml');
  });
});
