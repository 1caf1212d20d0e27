import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

const teamPage = 'accompagnements/ines-marchetti.md'; // équipe, tagged France Travail
const publicPage = 'ressources/choisir-un-statut-juridique.md'; // public, tagged France Travail

let gare: TestHub;
let browser: Browser;
let axeSource: string;
let zoe: TestSession; // équipe, writes
let camille: TestSession; // équipe « Camille Dupont »: may read the team page
let camilleM: TestSession; // contributeur « Camille Martin »: may not
let bruno: TestSession; // contributeur
const contexts: BrowserContext[] = [];
const browserErrors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  camilleM = await signIn(gare.hub, 'contributeur', 'Camille Martin');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
  [browser, axeSource] = await Promise.all([launchBrowser(), readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

async function pageAs(who: TestSession): Promise<Page> {
  const context = await loggedInContext(browser, gare, who);
  contexts.push(context);
  const page = await context.newPage();
  collectPageErrors(page, browserErrors);
  return page;
}

/** Ids of the axe rules (WCAG 2.1 AA and best practices) the page (or the part `within`) breaks. */
async function axeIds(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
    const result = await axe.run(selector ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => v.id);
  }, within);
}

/** The header's notifications link of the page shown. */
const headerLink = (page: Page) => page.locator('header').getByRole('link', { name: /^Notifications/ });

/** Saves a new version of a page through the API, as `who`. */
async function appendThroughApi(who: TestSession, file: string, line: string): Promise<void> {
  const current = gare.hub.index.get(file)!;
  const baseVersion = gare.hub.history.historyOf(file)[0]!.oid;
  const res = await fetch(`${gare.url}/api/pages/save`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, origin: gare.url },
    body: JSON.stringify({ path: file, title: current.meta.title, type: current.meta.type, tags: current.meta.tags, visibility: current.meta.visibility, summary: current.meta.summary, body: `${(await gare.hub.index.pageSource(current))!.body.trimEnd()}\n\n${line}\n`, baseVersion }),
  });
  expect(res.status).toBe(200);
  await gare.hub.notifications.idle();
}

describe('notifications in the browser', () => {
  it('a person mentioned with the completion is notified (header count, /notifications); one who cannot read the page is not', async () => {
    const writer = await pageAs(zoe);
    await writer.goto(`${gare.url}/modifier/${teamPage.replace(/\.md$/, '')}`);
    const editor = writer.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await writer.keyboard.press('Control+End');
    await writer.keyboard.type('\n\n@Cam');
    // Only the Camille who may read this team page is proposed, by the handle that names her alone.
    const options = writer.locator('.cm-tooltip-autocomplete [role="option"]');
    await expect.poll(() => options.allInnerTexts()).toEqual([expect.stringContaining('Camille.Dupont')]);
    // A click: CodeMirror ignores Enter for 75 ms after its list opens (keyboard use is tested on the comment box).
    await options.first().click();
    await writer.keyboard.type('peux-tu relire ? Et @Bruno aussi.');
    await expect.poll(() => editor.innerText()).toContain('@Camille.Dupont peux-tu relire ? Et @Bruno aussi.');
    await writer.getByRole('button', { name: 'Enregistrer' }).click();
    await writer.waitForURL(/\/wiki\//);
    await gare.hub.notifications.idle();

    const reader = await pageAs(camille);
    await reader.goto(`${gare.url}/`);
    await expect.poll(() => headerLink(reader).innerText()).toBe('Notifications (1)');
    expect(await headerLink(reader).getAttribute('aria-label')).toBe('Notifications, 1 non lue');
    await headerLink(reader).click();
    await reader.waitForURL(/\/notifications$/);
    const item = reader.locator('[data-notifications] li').first();
    expect(await item.innerText()).toMatch(/Zoé Leroy vous a mentionné·e dans[\s\S]*Inès Marchetti[\s\S]*@Camille\.Dupont peux-tu relire/);

    // Bruno (contributeur) cannot read the team page: nothing stored, nothing counted, nothing listed.
    const outsider = await pageAs(bruno);
    await outsider.goto(`${gare.url}/notifications`);
    expect(await headerLink(outsider).innerText()).toBe('Notifications');
    expect(await outsider.locator('main').innerText()).toContain('Rien pour le moment');
    expect(await gare.hub.notifications.store.countUnread(bruno.id)).toBe(0);
    expect(await gare.hub.notifications.store.countUnread(camilleM.id)).toBe(0);

    // Mark as read: the count leaves the header.
    await reader.getByRole('button', { name: /Marquer comme lue/ }).click();
    await reader.waitForURL(/\/notifications/);
    expect(await headerLink(reader).innerText()).toBe('Notifications');
    expect(await reader.locator('[data-notifications] li').first().innerText()).not.toContain('Non lue');
  });

  it('follow a tag, then a page in it changes: notified of that page only (not of a team page in the same tag)', async () => {
    const follower = await pageAs(bruno);
    await follower.goto(`${gare.url}/tags/france-travail`);
    const button = follower.getByRole('button', { name: 'Suivre', exact: true });
    await button.click();
    await expect.poll(() => follower.getByRole('button', { name: 'Ne plus suivre' }).count()).toBe(1);
    expect(await gare.hub.notifications.follows.isFollowing(bruno.id, 'tag', 'france-travail')).toBe(true);

    await appendThroughApi(zoe, teamPage, 'Une ligne d’équipe.');
    await appendThroughApi(zoe, publicPage, 'Une précision ajoutée.');
    await follower.goto(`${gare.url}/notifications`);
    expect(await headerLink(follower).innerText()).toBe('Notifications (1)');
    const items = follower.locator('[data-notifications] li');
    expect(await items.count()).toBe(1);
    expect(await items.first().innerText()).toMatch(/Zoé Leroy a modifié[\s\S]*Choisir un statut juridique/);

    // /compte lists the tag with a one-click « Ne plus suivre ».
    await follower.goto(`${gare.url}/compte`);
    const follows = follower.locator('[data-account-follows]');
    expect(await follows.innerText()).toContain('Étiquette « France Travail »');
    await follows.getByRole('button', { name: /Ne plus suivre/ }).click();
    await follower.waitForURL(/\/compte/);
    expect(await follower.locator('main').innerText()).toContain('Vous ne suivez rien pour le moment');
  });

  it('the comment box completes @handles with the keyboard and the person mentioned is told', async () => {
    const writer = await pageAs(bruno);
    await writer.goto(gare.url + gare.hub.index.get(publicPage)!.url);
    const box = writer.getByLabel(/^Nouveau commentaire/);
    await box.click();
    await box.pressSequentially('Une question pour @Cam');
    const list = writer.getByRole('listbox', { name: 'Personnes à mentionner' });
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toEqual(['Camille Dupont (@Camille.Dupont)', 'Camille Martin (@Camille.Martin)']);
    expect(await box.getAttribute('aria-activedescendant')).toBe(await list.getByRole('option').first().getAttribute('id'));
    await writer.keyboard.press('ArrowDown');
    expect(await list.getByRole('option', { selected: true }).innerText()).toBe('Camille Martin (@Camille.Martin)');
    // The open list in the discussion area (the page's own text is audited elsewhere).
    expect(await axeIds(writer, '#discussion')).toEqual([]);
    await writer.keyboard.press('Enter');
    expect(await list.isHidden()).toBe(true);
    await box.pressSequentially('merci !');
    expect(await box.inputValue()).toBe('Une question pour @Camille.Martin merci !');
    // Escape closes the list and leaves the text as typed.
    await box.pressSequentially(' @Zo');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await writer.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    await box.press('Backspace');
    await box.press('Backspace');
    await box.press('Backspace');
    await writer.getByRole('button', { name: 'Commenter', exact: true }).click();
    // The page stays where it is: wait for the comment to be shown, then for its notifications.
    await expect.poll(() => writer.locator('#discussion').innerText()).toContain('@Camille.Martin merci !');
    await gare.hub.notifications.idle();

    const reader = await pageAs(camilleM);
    await reader.goto(`${gare.url}/notifications`);
    expect(await headerLink(reader).innerText()).toBe('Notifications (1)');
    expect(await reader.locator('[data-notifications] li').first().innerText()).toMatch(/Bruno Petit vous a mentionné·e dans[\s\S]*Choisir un statut juridique[\s\S]*merci/);
  });

  it('the notifications page passes an axe audit', async () => {
    const page = await pageAs(camille);
    await page.goto(`${gare.url}/notifications`);
    expect(await axeIds(page)).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
});
