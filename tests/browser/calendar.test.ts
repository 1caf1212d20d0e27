/**
 * Subscribing to the calendar as a person would: on « Mon compte », create one's link, copy it,
 * see the feed it gives parse as iCalendar (a real parser), find the link gone on reload, revoke it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { parseIcs } from '../calendar/parse-ics.ts';

let gare: TestHub;
let browser: Browser;
let camille: TestSession;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  gare = await startTestHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Martin');
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await gare?.stop();
});

/** WCAG 2.1 AA violations (axe-core) inside the calendar section only: the other settings are their own tests'. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run({ include: [['#calendrier']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

async function pageOf(who?: TestSession) {
  const context = await loggedInContext(browser, gare, who);
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gare.url });
  const page = await context.newPage();
  collectPageErrors(page, errors);
  return page;
}

describe('the calendar on « Mon compte »', () => {
  it('creates a personal link shown once, whose feed parses and holds the team’s meetings, then revokes it', async () => {
    const page = await pageOf(camille);
    await page.goto(`${gare.url}/compte`);
    const section = page.getByRole('region', { name: 'Calendrier' });
    await expect(section.getByText('Vous n’avez pas de lien d’abonnement personnel.').isVisible()).resolves.toBe(true);
    await section.getByRole('button', { name: 'Créer mon lien d’abonnement' }).click();
    await page.waitForURL(/\/compte\?ok=/);

    const field = page.getByLabel(/Copiez ce lien dans votre agenda maintenant/);
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${gare.url}/calendrier/[A-Za-z0-9_-]{43}\\.ics$`));
    await expect(page.getByRole('link', { name: 'S’abonner dans mon agenda' }).getAttribute('href')).resolves.toBe(link.replace(/^http:/, 'webcal:'));
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    // The clipboard answers asynchronously: the message comes once it has the link.
    await expect.poll(() => page.locator('#calendrier-copie').textContent(), { timeout: 20_000 }).toMatch(/^Lien copié/);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);

    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { name, events } = parseIcs(await res.text());
    expect(name).toBe('Gare centrale — Camille Martin');
    const meeting = events.find((e) => e.summary === 'Réunion hebdomadaire — 8 septembre 2026');
    expect(meeting).toMatchObject({ tzid: 'Europe/Paris', start: '2026-09-08T07:30:00.000Z', end: '2026-09-08T08:45:00.000Z' });
    expect(meeting?.url).toBe(`${gare.url}/wiki/reunions/2026-09-08-reunion-hebdomadaire`);

    // Shown once: a reload no longer holds the secret, only that a link exists.
    await page.reload();
    await expect(page.getByLabel(/Copiez ce lien/).count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(link);
    await expect(section.getByText(/Vous avez un lien d’abonnement personnel, créé le/).isVisible()).resolves.toBe(true);

    await section.getByRole('button', { name: 'Révoquer mon lien' }).click();
    await page.waitForURL(/\/compte\?ok=/);
    await expect(page.getByText('Lien d’abonnement révoqué').isVisible()).resolves.toBe(true);
    await expect(section.getByText('Vous n’avez pas de lien d’abonnement personnel.').isVisible()).resolves.toBe(true);
    const revoked = await fetch(link);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toContain('Ce lien de calendrier ne fonctionne pas');
    expect(errors).toEqual([]);
  }, 60_000);

  it('offers a visitor the public calendar from the register', async () => {
    const page = await pageOf();
    await page.goto(`${gare.url}/registre`);
    const href = await page.getByRole('link', { name: 'S’abonner au calendrier' }).getAttribute('href');
    expect(href).toBe('/calendrier.ics');
    const res = await fetch(gare.url + (href ?? ''));
    const { events } = parseIcs(await res.text());
    // The sample wiki's meetings are the team's: none of them reaches the public calendar.
    expect(events.map((e) => e.summary)).not.toContain('Réunion hebdomadaire — 8 septembre 2026');
    // The public agenda's workshops are.
    expect(events.map((e) => e.summary)).toContain('Cartopartie : les bancs du quartier de la gare');
    expect(errors).toEqual([]);
  }, 60_000);
});
