import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personColor } from '../../server/pads/person-color.ts';
import { launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let alice: TestSession;
let bob: TestSession;
const contexts: BrowserContext[] = [];
const consoleProblems: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  await gare.hub.search.ready;
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  bob = await signIn(gare.hub, 'equipe', 'Bob Diallo');
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await gare?.stop();
});

/** A browser window logged in as `who` (the session cookie set on the context). */
async function windowOf(who: TestSession): Promise<Page> {
  const context = await loggedInContext(browser, gare, who);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleProblems.push(m.text());
  });
  page.on('pageerror', (e) => consoleProblems.push(e.message));
  return page;
}

async function createPad(title: string): Promise<string> {
  const res = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare.url, cookie: alice.cookie },
    body: new URLSearchParams({ _csrf: alice.csrf, title, template: 'reunion-equipe' }).toString(),
  });
  return (res.headers.get('location') ?? '').slice('/pads/'.length);
}

async function typeAtEnd(page: Page, line: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

describe('a pad with two editors in real browsers', () => {
  it('shows both lines and both names to both people, then publishes a page the search finds', async () => {
    const name = await createPad('Réunion zéphyr');
    const [pageA, pageB] = await Promise.all([windowOf(alice), windowOf(bob)]);
    for (const page of [pageA, pageB]) {
      await page.goto(`${gare.url}/pads/${name}`);
      await page.locator('[data-pad-root][data-ready="true"]').waitFor();
      await page.getByRole('status').filter({ hasText: 'Connecté' }).waitFor({ timeout: 10_000 });
    }

    await typeAtEnd(pageA, 'Ligne d’Alice : le mot-clé xylophonique.');
    await typeAtEnd(pageB, 'Ligne de Bob : tout le monde est d’accord.');
    for (const page of [pageA, pageB]) {
      await page.locator('.cm-content', { hasText: 'xylophonique' }).waitFor({ timeout: 10_000 });
      await page.locator('.cm-content', { hasText: 'tout le monde est d’accord' }).waitFor({ timeout: 10_000 });
      await page.locator('[data-pad-preview]', { hasText: 'xylophonique' }).waitFor();
    }
    const presence = (page: Page) => page.getByRole('list', { name: 'Personnes présentes' });
    await presence(pageA).getByText('Bob Diallo').waitFor();
    await presence(pageB).getByText('Alice Martin').waitFor();
    expect(await presence(pageA).getAttribute('aria-live')).toBe('polite');

    // Bob's cursor shows in Alice's editor with his name, in his colour despite the strict CSP.
    const caret = pageA.locator('.cm-ySelectionCaret', { has: pageA.locator('.cm-ySelectionInfo', { hasText: 'Bob Diallo' }) });
    await caret.waitFor({ state: 'attached' });
    const hex = personColor(bob.id);
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await caret.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe(rgb);

    await pageB.getByRole('button', { name: 'Publier dans le wiki' }).click();
    await pageB.waitForURL(/\/pads\/.+\?ok=/);
    const link = pageB.locator('[data-pad-page-link]');
    await link.waitFor();
    const url = await link.getAttribute('href');
    expect(url).toMatch(/^\/wiki\/reunions\//);
    const published = gare.hub.index.getBySlug(decodeURIComponent(url!.slice('/wiki/'.length)));
    expect(published?.meta.participants).toEqual(expect.arrayContaining(['Alice Martin', 'Bob Diallo']));

    await pageA.goto(`${gare.url}/recherche?q=xylophonique`);
    await pageA.locator(`main a[href="${url}"]`).first().waitFor({ timeout: 10_000 });
    expect(consoleProblems).toEqual([]);
  });

  it('keeps what was typed without network across a reload, and sends it when the network is back', async () => {
    const name = await createPad('Réunion sans réseau');
    const page = await windowOf(alice);
    const context = page.context();
    // While `offline`, the pad's WebSocket closes as soon as it opens, as when the network is gone.
    let offline = true;
    await context.routeWebSocket(/\/yjs\//, (ws) => {
      if (offline) void ws.close({ code: 1011 });
      else ws.connectToServer();
    });
    await page.goto(`${gare.url}/pads/${name}`);
    await page.locator('[data-pad-root][data-local="ready"]').waitFor();
    await typeAtEnd(page, 'Noté dans le train, sans réseau.');
    await page.getByRole('status').filter({ hasText: 'Hors ligne — ce que vous tapez est gardé' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.reload();
    await page.locator('.cm-content', { hasText: 'Noté dans le train' }).waitFor({ timeout: 10_000 });
    expect(await gare.hub.pads.getText(name)).not.toContain('Noté dans le train');

    offline = false;
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Connecté' }).waitFor({ timeout: 10_000 });
    const end = Date.now() + 10_000;
    while (!(await gare.hub.pads.getText(name)).includes('Noté dans le train') && Date.now() < end) await page.waitForTimeout(50);
    expect(await gare.hub.pads.getText(name)).toContain('Noté dans le train, sans réseau.');
  });
});
