/**
 * The tag forms in a real browser, as a team member without scripts: WCAG audit of the two pages
 * (axe-core in Debian's Chromium), then a rename and an alias removal by clicking.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { signIn } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

interface AxeViolation { id: string; help: string; nodes: { target: unknown[] }[] }

let gare: TestHub;
let browser: Browser;
let page: Page;
let axeSource: string;
const problems: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  axeSource = await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  browser = await launchBrowser();
  const team = await signIn(gare.hub, 'equipe', 'Camille Équipe');
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.addCookies([{ name: 'gare_session', value: team.cookie.slice(team.cookie.indexOf('=') + 1), url: gare.url }]);
  page = await context.newPage();
  // A Content-Security-Policy refusal (inline style or script) shows as a console error.
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

async function violations(): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  return found;
}

describe('the tag forms for the team', () => {
  it('pass a WCAG 2.1 AA audit without CSP refusals', async () => {
    for (const url of ['/tags/france-travail', '/tags']) {
      await page.goto(gare.url + url);
      await expect.soft(violations(), url).resolves.toEqual([]);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('rename a tag by clicking, and remove an alias', async () => {
    await page.goto(`${gare.url}/tags/rgpd`);
    await page.getByRole('textbox', { name: 'Nouveau nom' }).fill('Données personnelles');
    await page.getByRole('button', { name: 'Renommer l’étiquette' }).click();
    await page.waitForURL(/\/tags\/donnees-personnelles\?ok=/);
    expect(await page.locator('p[role=status]').textContent()).toBe('Étiquette renommée.');
    expect(gare.hub.index.aliases).toMatchObject({ RGPD: 'Données personnelles' });

    await page.goto(`${gare.url}/tags`);
    await page.getByRole('button', { name: 'Supprimer l’alias « RGPD »' }).click();
    await page.waitForURL(/\/tags\?ok=/);
    expect(await page.locator('p[role=status]').textContent()).toBe('Alias supprimé.');
    expect(gare.hub.index.aliases['RGPD']).toBeUndefined();
    expect(problems).toEqual([]);
  }, 60_000);
});
