import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let page: Page;
const cspErrors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  await gare.hub.search.ready;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('the home portal in a browser', () => {
  it('finds a page from the home search box without accents and opens it', async () => {
    await page.goto(gare.url + '/');
    const box = page.getByRole('searchbox', { name: 'Rechercher dans le wiki' }).first();
    await box.fill('pole emploi');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).first();
    const first = results.getByRole('link').first();
    await first.waitFor({ timeout: 15_000 });
    const title = (await first.innerText()).split('\n')[0]!.trim();
    await first.click();
    await page.waitForURL(/\/wiki\//);
    expect(await page.locator('h1').first().innerText()).toContain(title.slice(0, 20));
    expect(await page.content()).toMatch(/Pôle Emploi|France Travail/);
    expect(cspErrors).toEqual([]);
  });

  it('leads a misspelt search straight to the page through its corrected results', async () => {
    await page.goto(gare.url + '/recherche?q=pseudonimisation');
    const corrected = page.locator('main').getByText(/^Résultats pour pseudonymisation/);
    expect((await corrected.innerText()).replace(/\s+/g, ' ').trim()).toBe('Résultats pour pseudonymisation — chercher plutôt pseudonimisation');
    await page.getByRole('link', { name: /Données personnelles/ }).first().click();
    await page.waitForURL(/donnees-personnelles/);
    expect(await page.locator('h1').first().innerText()).toContain('Données personnelles');
  });

  it('browses a tag in two clicks from home and sees only public pages', async () => {
    await page.goto(gare.url + '/');
    await page.getByRole('link', { name: /outils libres/i }).first().click();
    await page.waitForURL(/\/tags\/outils-libres/);
    expect(await page.locator('h1').first().innerText()).toMatch(/outils libres/i);
    const links = await page.locator('main a[href^="/wiki/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(2);
    for (const href of links) {
      const target = gare.hub.index.getBySlug(decodeURIComponent(href!.slice('/wiki/'.length)));
      expect(target?.meta.visibility).toBe('public');
    }
    await page.locator('main a[href^="/wiki/"]').first().click();
    await page.waitForURL(/\/wiki\//);
    expect(await page.locator('main a[href="/tags/outils-libres"]').count()).toBeGreaterThan(0);
  });

  it('is usable with the keyboard: the first Tab reaches the skip link', async () => {
    await page.goto(gare.url + '/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toMatch(/Aller au contenu/);
  });
});
