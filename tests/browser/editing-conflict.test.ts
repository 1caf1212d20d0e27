import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let alice: TestSession;
let bob: TestSession;
const errors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  bob = await signIn(gare.hub, 'equipe', 'Bob Diallo');
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

/** Opens the editor of `url` as `who`. */
async function editorOf(who: TestSession, url: string): Promise<Page> {
  const page = await (await loggedInContext(browser, gare, who)).newPage();
  collectPageErrors(page, errors);
  await page.goto(gare.url + url);
  await page.getByRole('link', { name: 'Modifier' }).click();
  await page.waitForURL(/\/modifier\//);
  await page.locator('.cm-content').waitFor();
  return page;
}

/** Replaces the first line of the editor's text. */
async function rewriteFirstLine(page: Page, line: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(line);
}

describe('two people edit the same line', () => {
  it('shows the second both passages side by side, saves the chosen text, and no marker ever reaches the page', async () => {
    const target = gare.hub.index.all().find((p) => p.path === 'ressources/trouver-une-date.md')!;
    const [pageA, pageB] = [await editorOf(alice, target.url), await editorOf(bob, target.url)];
    await rewriteFirstLine(pageA, 'Ligne réécrite par Alice, saumon.');
    await pageA.getByRole('button', { name: 'Enregistrer' }).click();
    await pageA.waitForURL(gare.url + target.url);

    await rewriteFirstLine(pageB, 'Ligne réécrite par Bob, turquoise.');
    await pageB.getByRole('button', { name: 'Enregistrer' }).click();
    const passage = pageB.getByRole('listitem', { name: 'Passage 1 sur 1' });
    await passage.waitFor();
    expect(await passage.innerText()).toContain('Ligne réécrite par Bob, turquoise.');
    expect(await passage.innerText()).toContain('Ligne réécrite par Alice, saumon.');
    // Until a choice is made, the editor keeps both versions and never a marker.
    const editorText = () => pageB.locator('.cm-content').innerText();
    expect(await editorText()).not.toMatch(/<{7}|>{7}|^={7}$/m);
    expect(await editorText()).toContain('turquoise');
    expect(await editorText()).toContain('saumon');
    expect(await pageB.locator('[data-editor-preview]').innerText()).not.toMatch(/<{7}|>{7}/);

    await passage.getByRole('button', { name: 'Garder ma version' }).click();
    const retained = passage.getByLabel(/Texte retenu pour le passage 1/);
    await retained.fill('Ligne réécrite par Bob, turquoise, avec le saumon d’Alice.');
    await expect.poll(editorText).toContain('turquoise, avec le saumon d’Alice.');
    await pageB.getByRole('button', { name: 'Enregistrer' }).click();
    await pageB.waitForURL(gare.url + target.url);

    const main = await pageB.locator('main').innerText();
    expect(main).toContain('Ligne réécrite par Bob, turquoise, avec le saumon d’Alice.');
    expect(main).not.toContain('Ligne réécrite par Alice, saumon.');
    expect(main).not.toMatch(/<{7}|>{7}|votre version/);
    const stored = execFileSync('git', ['-C', path.join(gare.dataDir, 'wiki'), 'show', `HEAD:${target.path}`], { encoding: 'utf8' });
    expect(stored).toContain('Ligne réécrite par Bob, turquoise, avec le saumon d’Alice.');
    expect(stored).not.toMatch(/<{7}|>{7}|^={7}$/m);
    // The browser logs the 409 answer itself; anything else would be a fault.
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
