import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let contributor: TestSession;
const browserErrors: string[] = [];

const head = (): string => execFileSync('git', ['-C', gare.hub.config.contentDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  context = await loggedInContext(browser, gare, contributor);
  page = await context.newPage();
  collectPageErrors(page, browserErrors);
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('a contributeur writing in the browser', () => {
  it('starts a public page without publishing anything before saving their own text, and cannot pick a team type', async () => {
    await page.goto(gare.url + '/nouvelle-page?titre=' + encodeURIComponent('Où réparer son vélo'));
    const types = await page.getByLabel('Type de page').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(types).not.toContain('accompagnement');
    expect(types).not.toContain('compte-rendu');
    await page.getByLabel('Type de page').selectOption('ressource');
    const before = head();
    await page.getByRole('button', { name: 'Créer la page' }).click();

    await page.waitForURL(/\/nouvelle-page\?etape=ecrire/);
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    await expect.poll(() => page.locator('[data-new-page-notice]').innerText()).toContain('Rien n’est encore enregistré');
    // Nothing is in git yet, and a visitor finds nothing.
    expect(head()).toBe(before);
    expect((await fetch(gare.url + '/wiki/ressources/ou-reparer-son-velo')).status).toBe(404);

    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('La recyclerie du quartier répare les vélos le samedi.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(gare.url + '/wiki/ressources/ou-reparer-son-velo');
    expect(head()).not.toBe(before);
    const visitor = await fetch(gare.url + '/wiki/ressources/ou-reparer-son-velo');
    expect(visitor.status).toBe(200);
    expect(await visitor.text()).toContain('La recyclerie du quartier');
    expect(browserErrors).toEqual([]);
  });

  it('is told before typing that a change in a reviewed section is a proposal, and is shown the proposal after saving', async () => {
    const tutorial = gare.hub.index.all().find((p) => p.path.startsWith('tutoriels/') && p.meta.visibility === 'public')!;
    await page.goto(gare.url + '/modifier' + tutorial.url.slice('/wiki'.length));
    const notice = page.locator('[data-review-notice]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('sera une proposition');
    expect(await page.locator('main').innerText()).not.toContain('tout le monde pourra lire ce que vous écrivez');
    expect(await page.getByRole('button', { name: 'Enregistrer' }).getAttribute('aria-describedby')).toBe('relecture-aide');

    const before = head();
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nUne astuce de Léa.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/propositions\/[^/?]+/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(id.length).toBeGreaterThan(3);
    expect(await page.locator('main').innerText()).toContain('Votre proposition attend la relecture de l’équipe');
    // The published page did not change.
    expect(head()).toBe(before);
    expect(browserErrors).toEqual([]);
  });
});
