import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let team: TestSession;
const browserErrors: string[] = [];

/** Saves a page through the API, as a team member would from another tab. */
async function saveBody(path: string, body: string, message: string): Promise<void> {
  const current = gare.hub.index.get(path)!;
  const version = gare.hub.history.historyOf(path)[0]!.oid;
  const res = await fetch(`${gare.url}/api/pages/save`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url },
    body: JSON.stringify({ path, title: current.meta.title, type: current.meta.type, tags: current.meta.tags, visibility: current.meta.visibility, summary: current.meta.summary, body, baseVersion: version, message }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  team = await signIn(gare.hub, 'equipe', 'Dominique Équipe');
  context = await loggedInContext(browser, gare, team);
  page = await context.newPage();
  collectPageErrors(page, browserErrors);
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('page history in the browser', () => {
  it('restores the previous version in one click and records it as a new « Restauration » version', async () => {
    const path = 'ressources/visioconference-libre.md';
    const target = gare.hub.index.get(path)!;
    const original = (await gare.hub.index.pageSource(target))!.body;
    await saveBody(path, 'Texte remplacé par erreur.\n', 'Remplacement malencontreux');
    await page.goto(gare.url + target.url);
    expect(await page.locator('main').innerText()).toContain('Texte remplacé par erreur.');

    await page.getByRole('link', { name: 'Historique' }).click();
    await page.waitForURL(/\/historique\//);
    const versions = page.locator('[data-version]');
    expect(await versions.count()).toBeGreaterThanOrEqual(2);
    expect(await versions.first().innerText()).toContain('Remplacement malencontreux');
    await versions.nth(1).getByRole('button', { name: /Restaurer cette version/ }).click();

    await page.waitForURL(gare.url + target.url);
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).not.toContain('Texte remplacé par erreur.');
    const firstLine = original.trim().split('\n')[0]!.replace(/[*_`[\]]/g, '').slice(0, 40);
    expect(await main.innerText()).toContain(firstLine.slice(0, 20));
    expect((await gare.hub.index.pageSource(path))!.body.trim()).toBe(original.trim());

    await page.goto(gare.url + '/historique' + target.url.slice('/wiki'.length));
    const newest = page.locator('[data-version]').first();
    expect(await newest.innerText()).toMatch(/Restauration de la version du/);
    expect(await newest.innerText()).toContain('Dominique Équipe');
    expect(browserErrors).toEqual([]);
  });

  it('compares two versions side by side with − and + markers, without JavaScript', async () => {
    const path = 'ressources/trouver-une-date.md';
    const before = (await gare.hub.index.pageSource(path))!.body;
    await saveBody(path, before.replace(/\n\n/, '\n\nUne phrase toute neuve.\n\n'), 'Ajout d’une phrase');
    const noJs = await loggedInContext(browser, gare, team, { javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(gare.url + '/historique/ressources/trouver-une-date');
    await plain.getByRole('button', { name: 'Comparer les versions choisies' }).click();
    await plain.waitForURL(/\/comparer\//);
    const table = plain.getByRole('table');
    const added = table.locator('tr', { hasText: 'Une phrase toute neuve.' });
    expect(await added.locator('.mark').last().innerText()).toContain('+');
    expect(await added.innerText()).toContain('Ajouté :');
    // The seeded history credits a ressource without an `author` to the section's writer.
    expect(await plain.locator('main').innerText()).toMatch(/Entre la version du .+ — Julien Moreau et la version du .+ — Dominique Équipe : \d+ lignes? ajoutées?, \d+ lignes? retirées?\./);
    await noJs.close();
  });

  it('answers 404 for the history, versions and diffs of a team page asked by a visitor', async () => {
    const secret = gare.hub.index.all().find((p) => p.meta.visibility === 'equipe')!;
    const tail = secret.url.slice('/wiki'.length);
    const oid = gare.hub.history.historyOf(secret.path)[0]!.oid;
    for (const url of [`/historique${tail}`, `/version${tail}?oid=${oid}`, `/comparer${tail}?de=${oid}&a=${oid}`, `/modifier${tail}`]) {
      const res = await fetch(gare.url + url, { redirect: 'manual' });
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain(secret.meta.title);
    }
    const changes = await (await fetch(gare.url + '/modifications')).text();
    expect(changes).not.toContain(secret.meta.title);
    expect(changes).not.toContain(`href="${secret.url}"`);
  });
});
