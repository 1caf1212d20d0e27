/** A person creates an access token on /compte, a script saves a page with it, then the person revokes it. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let page: Page;
let samia: TestSession;
const browserErrors: string[] = [];
const target = 'accompagnements/awa-sene.md';

// Two cores shared by several suites: a browser call may take seconds, not a retry budget of one.
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const git = (...args: string[]) => execFileSync('git', ['-C', gare.hub.config.contentDir, ...args], { encoding: 'utf8' }).trim();

/** axe-core's WCAG 2.1 AA violations of the tokens section, as `rule: targets` lines (other settings of /compte have their own tests). */
async function axeViolations(p: Page): Promise<string[]> {
  await p.evaluate(await readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector('#jetons'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

/** What a script does with the token: read the page, then save it with a new body. */
async function saveWithToken(token: string, body: string): Promise<number> {
  const auth = { authorization: `Bearer ${token}` };
  const read = await fetch(`${gare.url}/api/pages/${target.slice(0, -3)}`, { headers: auth });
  if (read.status !== 200) return read.status;
  const current = (await read.json()) as { title: string; type: string; tags: string[]; visibility: string; version: string };
  const res = await fetch(`${gare.url}/api/pages/save`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ path: target, title: current.title, type: current.type, tags: current.tags, visibility: current.visibility, body, baseVersion: current.version }),
  });
  return res.status;
}

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  samia = await signIn(gare.hub, 'equipe', 'Samia Benali');
  const context = await loggedInContext(browser, gare, samia);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gare.url });
  page = await context.newPage();
  collectPageErrors(page, browserErrors);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('access tokens on /compte', () => {
  it('creates a write token, shown once with a copy button, that saves a page through the API', async () => {
    await page.goto(`${gare.url}/compte`);
    await poll(() => page.getByText('Vous n’avez aucun jeton d’accès.').isVisible()).toBe(true);
    await page.getByLabel('Nom du jeton').fill('Robot du bilan');
    await page.getByLabel(/Lecture et écriture/).check();
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.waitForURL(/\/compte\?ok=/);
    await poll(() => page.getByRole('status').first().innerText()).toContain('Jeton « Robot du bilan » créé');

    const token = await page.getByLabel(/Copiez-le maintenant/).inputValue();
    expect(token).toMatch(/^gare_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copier le jeton' }).click();
    await poll(() => page.locator('#jeton-copie').innerText()).toContain('Jeton copié');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const row = page.getByRole('row', { name: /Robot du bilan/ });
    await poll(() => row.innerText()).toContain('Lecture et écriture');
    expect(await axeViolations(page)).toEqual([]);

    expect(await saveWithToken(token, 'Suivi mis à jour par le robot du bilan.\n')).toBe(200);
    expect(git('show', `HEAD:${target}`)).toContain('Suivi mis à jour par le robot du bilan.');
    expect(git('log', '-1', '--format=%an')).toBe('Samia Benali');

    // Shown once: the page reloaded no longer holds it, the list still names it with its last use.
    await page.goto(`${gare.url}/compte`);
    expect(await page.content()).not.toContain(token);
    await poll(() => page.getByRole('row', { name: /Robot du bilan/ }).innerText()).not.toContain('jamais');
  });

  it('revokes the token with one click: the script is refused from then on', async () => {
    await page.goto(`${gare.url}/compte`);
    const token = await (async () => {
      await page.getByLabel('Nom du jeton').fill('Jeton à révoquer');
      await page.getByRole('button', { name: 'Créer le jeton' }).click();
      await page.waitForURL(/\/compte\?ok=/);
      return page.getByLabel(/Copiez-le maintenant/).inputValue();
    })();
    // Read only by default: the script reads but cannot save.
    expect(await saveWithToken(token, 'Refusé.\n')).toBe(403);
    await page.getByRole('button', { name: 'Révoquer le jeton « Jeton à révoquer »' }).click();
    await page.waitForURL(/\/compte\?ok=/);
    await poll(() => page.getByRole('status').first().innerText()).toContain('Jeton « Jeton à révoquer » révoqué');
    expect(await page.getByRole('row', { name: /Jeton à révoquer/ }).count()).toBe(0);
    expect(await saveWithToken(token, 'Refusé.\n')).toBe(401);
    expect(browserErrors).toEqual([]);
  });
});
