/**
 * A visitor in a GitBook folder served by the hub: the sommaire shows the book's chapter in its
 * SUMMARY.md order, a click leads to the page at its address, and an old address of the book
 * (`redirects:` of `.gitbook.yaml`) still opens the page.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { fixtureRepo } from '../compat/compat-fixture.ts';

let gare: TestHub;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await fixtureRepo('gitbook');
  gare = await startTestHub({ contentDir: dir });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a GitBook folder, for a visitor', () => {
  it('lists the chapter in the book’s order and opens a page at its address', async () => {
    const page = await browser.newPage();
    await page.goto(gare.url + '/sommaire');
    const section = page.locator('details.section-group', { has: page.locator('summary', { hasText: 'Guide' }) });
    await section.locator('summary').click();
    const links = section.locator('ol.section-pages a');
    expect(await links.allInnerTexts()).toEqual(['Adhérer à l’association', 'Montant des cotisations', 'L’assemblée générale']);
    await links.filter({ hasText: 'Montant des cotisations' }).click();
    await page.waitForURL(`${gare.url}/wiki/guide/cotisations`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Montant des cotisations');
    await page.close();
  });

  it('follows an old address of the book to its page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(gare.url + '/wiki/ancienne-adhesion');
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${gare.url}/wiki/guide/adhesion`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Adhérer à l’association');
    await page.close();
  });
});
