import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let volunteer: TestSession;
const browserErrors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  volunteer = await signIn(gare.hub, 'contributeur', 'Camille Bénévole');
  context = await loggedInContext(browser, gare, volunteer);
  page = await context.newPage();
  collectPageErrors(page, browserErrors);
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('editing a page in the browser', () => {
  it('edits a public resource page and shows the change on the page, in its history and in recent changes', async () => {
    const target = gare.hub.index.all().find((p) => p.path === 'ressources/trouver-une-date.md')!;
    await page.goto(gare.url + target.url);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL(/\/modifier\//);
    const editor = page.locator('.cm-content');
    await editor.waitFor();

    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nUn paragraphe ajouté par une bénévole du collectif.');
    await expect.poll(() => page.locator('[data-editor-preview]').innerText()).toContain('ajouté par une bénévole');

    const tagInput = page.getByLabel('Étiquettes', { exact: true });
    await tagInput.fill('essai bénévole');
    await tagInput.press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Étiquettes de la page' }).innerText()).toContain('essai bénévole');
    await page.getByLabel(/Qu’avez-vous changé/).fill('Ajout d’un paragraphe de test');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await page.waitForURL(gare.url + target.url);
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('Un paragraphe ajouté par une bénévole du collectif.');
    expect(await page.getByRole('list', { name: 'Étiquettes' }).first().innerText()).toContain('essai bénévole');
    expect(await page.getByRole('complementary', { name: 'À propos de cette page' }).innerText()).toContain('Camille Bénévole');

    await page.getByRole('link', { name: 'Historique' }).click();
    await page.waitForURL(/\/historique\//);
    const first = page.locator('[data-version]').first();
    // Outside the team, history shows a neutral description instead of the typed message (privacy).
    expect(await first.innerText()).toContain('Camille Bénévole');
    expect(await first.innerText()).toContain('Version actuelle');

    await page.goto(gare.url + '/modifications');
    const changes = page.getByRole('list', { name: 'Modifications' });
    expect(await changes.locator('li').first().innerText()).toMatch(/Trouver une date[\s\S]*Camille Bénévole/);
    expect(browserErrors).toEqual([]);
  });
});
