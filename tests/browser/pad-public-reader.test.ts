import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let alice: TestSession;
const contexts: BrowserContext[] = [];
const consoleProblems: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await gare?.stop();
});

/** A browser window, logged in as `who` or a visitor. */
async function windowOf(who?: TestSession): Promise<Page> {
  const context = await loggedInContext(browser, gare, who);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    // The refusal at the end is expected: the browser logs the closed socket.
    if (m.type() === 'error' && !/inline style|WebSocket/i.test(m.text())) consoleProblems.push(m.text());
  });
  page.on('pageerror', (e) => consoleProblems.push(e.message));
  return page;
}

async function createPublicPad(title: string): Promise<string> {
  const res = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare.url, cookie: alice.cookie },
    body: new URLSearchParams({ _csrf: alice.csrf, title, template: 'atelier', visibility: 'public' }).toString(),
  });
  return (res.headers.get('location') ?? '').slice('/pads/'.length);
}

describe('a public pad in a visitor’s browser', () => {
  it('follows the team’s typing live, takes none of the visitor’s, and closes when the team takes the pad back', async () => {
    const name = await createPublicPad('Atelier ouvert');
    const [team, visitor] = await Promise.all([windowOf(alice), windowOf()]);
    for (const page of [team, visitor]) {
      await page.goto(`${gare.url}/pads/${name}`);
      await page.locator('[data-pad-root][data-ready="true"]').waitFor();
      await page.getByRole('status').filter({ hasText: 'Connecté' }).waitFor({ timeout: 10_000 });
    }
    await visitor.getByRole('link', { name: 'Connectez-vous pour écrire' }).waitFor();
    expect(await visitor.locator('.cm-content').getAttribute('aria-readonly')).toBe('true');

    await team.locator('.cm-content').click();
    await team.keyboard.press('Control+End');
    await team.keyboard.type('\nLigne de l’équipe : bienvenue au collectif.');
    await visitor.locator('.cm-content', { hasText: 'bienvenue au collectif' }).waitFor({ timeout: 10_000 });
    await visitor.getByRole('list', { name: 'Personnes présentes' }).getByText('Alice Martin').waitFor();

    await visitor.locator('.cm-content').click();
    await visitor.keyboard.type('Texte du visiteur');
    await visitor.waitForTimeout(300);
    expect(await visitor.locator('.cm-content').textContent()).not.toContain('Texte du visiteur');
    expect(await gare.hub.pads.getText(name)).not.toContain('Texte du visiteur');
    // Nobody else shows in the team's list: the visitor reads without a name or a cursor.
    expect(await team.getByRole('list', { name: 'Personnes présentes' }).getByRole('listitem').count()).toBe(1);

    await team.getByRole('radio', { name: 'Équipe seulement' }).check();
    await team.getByRole('button', { name: 'Enregistrer' }).click();
    await team.waitForURL(/\?ok=/);
    await visitor.getByRole('status').filter({ hasText: 'Accès refusé — Ce pad est désormais réservé à l’équipe' }).waitFor({ timeout: 10_000 });
    expect(consoleProblems).toEqual([]);
  });
});
