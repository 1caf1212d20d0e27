/** The editor snaps an old tag name to the current one: « Pôle Emploi » becomes « France Travail ». */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let page: Page;
const browserErrors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  const member = await signIn(gare.hub, 'equipe', 'Samia Benali');
  page = await (await loggedInContext(browser, gare, member)).newPage();
  collectPageErrors(page, browserErrors);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('tags in the editor', () => {
  it('turns an old tag name into the current one, and saves the current one', async () => {
    const target = 'ressources/trouver-une-date.md';
    await page.goto(`${gare.url}/modifier/ressources/trouver-une-date`);
    const chips = page.getByRole('list', { name: 'Étiquettes de la page' });
    await chips.waitFor();
    const tagInput = page.getByLabel('Étiquettes', { exact: true });

    await tagInput.fill('Pôle Emploi');
    await tagInput.press('Enter');
    await expect.poll(() => chips.innerText()).toContain('France Travail');
    expect(await chips.innerText()).not.toContain('Pôle Emploi');

    // Another spelling of the old name finds the chip already there: still one tag.
    await tagInput.fill('pole emploi');
    await tagInput.press('Enter');
    expect((await chips.innerText()).match(/France Travail/g)).toHaveLength(1);

    await page.getByLabel(/Qu’avez-vous changé/).fill('Étiquette France Travail');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${gare.url}/wiki/ressources/trouver-une-date`);
    const saved = execFileSync('git', ['-C', gare.hub.config.contentDir, 'show', `HEAD:${target}`], { encoding: 'utf8' });
    expect(saved).toMatch(/^tags: \[.*France Travail.*\]$/m);
    expect(saved).not.toMatch(/p[oô]le emploi/i);
    expect(browserErrors).toEqual([]);
  });
});
