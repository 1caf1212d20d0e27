import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let team: TestSession;
let teamContext: BrowserContext;
let noScript: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  team = await signIn(gare.hub, 'equipe', 'Inès Import');
  teamContext = await loggedInContext(browser, gare, team);
  noScript = await loggedInContext(browser, gare, team, { javaScriptEnabled: false });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

// File, target section, a page it creates, a word of that page for the search.
const cases: [string, string, string, string][] = [
  ['reunion-jardin.etherpad', '', 'Réunion du jardin partagé', 'composteurs'],
  ['atelier-velo.md', '', 'Atelier vélo', 'rustines'],
  ['bilan-annuel.docx', '', 'Bilan annuel de l’association', 'bénévoles'],
  ['conseil.odt', '', 'Compte rendu du conseil', 'apiculteurs'],
  ['notion-export.zip', 'Jardin', 'Liste des outils', 'brouettes'],
];

describe('« Importer » in the browser', () => {
  for (const [file, section, title, word] of cases) {
    it(`imports ${file} after a preview; the page is in the wiki and its search`, async () => {
      const page = await teamContext.newPage();
      collectPageErrors(page, errors);
      await page.goto(gare.url + '/');
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Importer' }).click();
      await page.waitForURL(/\/importer$/);
      await page.getByLabel('Fichier à importer').setInputFiles(path.join(root, 'tests/fixtures/import', file));
      if (section) await page.getByLabel('Rubrique').fill(section);
      await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
      const preview = page.locator('[data-import-preview]');
      await preview.waitFor({ timeout: 30_000 });
      expect(await preview.innerText()).toContain(title);
      expect(await preview.innerText()).toContain('Équipe uniquement');
      await page.locator('[data-import-confirm]').click();
      const link = page.locator('[data-import-report]').getByRole('link', { name: title });
      await link.waitFor({ timeout: 30_000 });
      await link.click();
      await expect.poll(() => page.locator('h1').first().innerText(), { timeout: 15_000 }).toBe(title);
      expect((await page.locator('main').innerText()).toLowerCase()).toContain(word);
      if (file.endsWith('.docx') || file.endsWith('.odt')) {
        const image = page.locator('main img').first();
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
        expect(await page.locator('main table').count()).toBe(1);
      }
      await page.close();

      const search = await noScript.newPage();
      await expect
        .poll(async () => {
          await search.goto(`${gare.url}/recherche?q=${encodeURIComponent(word)}`);
          return search.locator('[data-server-results]').innerText();
        }, { timeout: 30_000 })
        .toContain(title);
      await search.close();
    });
  }

  it('shows an accessible preview (axe, WCAG 2.1 AA), and « Annuler » writes nothing', async () => {
    const head = () => execFileSync('git', ['-C', gare.hub.config.contentDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const before = head();
    const page = await teamContext.newPage();
    await page.goto(gare.url + '/importer');
    await page.getByLabel('Fichier à importer').setInputFiles(path.join(root, 'tests/fixtures/import', 'notion-export.zip'));
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await page.locator('[data-import-preview]').waitFor({ timeout: 30_000 });
    await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.locator('[data-import-status]').innerText()).toContain('rien n’a été enregistré');
    expect(head()).toBe(before);
    await page.close();
  });

  it('turns a hostile upload down in French and creates nothing', async () => {
    const head = () => execFileSync('git', ['-C', gare.hub.config.contentDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const before = head();
    const page = await teamContext.newPage();
    await page.goto(gare.url + '/importer');
    await page.getByLabel('Fichier à importer').setInputFiles({ name: 'rapport.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('Ceci est du texte, pas un document Word.') });
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await expect.poll(() => page.locator('[data-import-status]').innerText(), { timeout: 30_000 }).toContain('Import refusé');
    expect(await page.locator('[data-import-status]').innerText()).toContain('Rien n’a été enregistré');
    expect(await page.locator('[data-import-result]').isHidden()).toBe(true);
    expect(head()).toBe(before);
    await page.close();
  });

  it('is the team’s: a contributeur is refused, a visitor is sent to log in', async () => {
    const contributor = await loggedInContext(browser, gare, await signIn(gare.hub, 'contributeur'));
    const page = await contributor.newPage();
    const answer = await page.goto(gare.url + '/importer');
    expect(answer?.status()).toBe(403);
    expect(await page.locator('[data-import-form]').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Importer' }).count()).toBe(0);
    await contributor.close();
    const visitor = await browser.newPage();
    await visitor.goto(gare.url + '/importer');
    expect(new URL(visitor.url()).pathname).toBe('/connexion');
    await visitor.close();
    expect(errors).toEqual([]);
  });
});
