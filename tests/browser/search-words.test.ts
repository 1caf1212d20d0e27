import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { tagKey } from '../../server/wiki/paths.ts';

let gare: TestHub;
let browser: Browser;

beforeAll(async () => {
  gare = await startTestHub();
  await gare.hub.search.ready;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('one vocabulary in the search and the register', () => {
  it('the home box shows the results of a confident correction as you type', async () => {
    const page = await browser.newPage();
    await page.goto(gare.url + '/');
    await page.getByRole('searchbox', { name: 'Rechercher dans le wiki' }).first().fill('acompagnement');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' }).first();
    await results.getByRole('link').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText('Résultats pour accompagnement').first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'acompagnement' }).first().isVisible()).toBe(true);
    await page.close();
  });

  it('/recherche without JavaScript shows the corrected results, and the words as typed on request', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(gare.url + '/recherche?q=acompagnement');
    expect(await page.locator('[data-server-results]').innerText()).toContain('Résultats pour accompagnement — chercher plutôt acompagnement');
    expect(await page.locator('[data-server-results] .hits li').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'acompagnement' }).click();
    await page.waitForURL(/exact=1/);
    expect(await page.locator('#results-title').innerText()).toBe('Aucun résultat');
    // A word the wiki holds is never « corrected ».
    for (const q of ['pole emploi', 'Marchetti']) {
      await page.goto(gare.url + `/recherche?q=${encodeURIComponent(q)}`);
      expect(await page.locator('[data-server-results]').innerText()).not.toContain('Vouliez-vous dire');
    }
    expect(await page.locator('[data-server-results] .hits li').count()).toBe(0); // Marchetti: team pages only
    await context.close();
  });

  it('the register offers each tag once, under its current name, and the filter finds every spelling', async () => {
    const context = await loggedInContext(browser, gare, await signIn(gare.hub, 'equipe'));
    const page = await context.newPage();
    await page.goto(gare.url + '/registre');
    const options = (await page.locator('#f-tag option').allInnerTexts()).slice(1);
    expect(options).toContain('France Travail');
    expect(options).not.toContain('Pôle Emploi');
    expect(new Set(options.map(tagKey)).size).toBe(options.length);
    await page.goto(gare.url + '/registre?tag=pole+emploi');
    expect(await page.locator('#f-tag option:checked').innerText()).toBe('France Travail');
    expect(await page.content()).toContain('2026-02-10');
    await context.close();
  });
});
