/**
 * A person logs in through the organisation's OpenID provider (oidc-provider on loopback), lands
 * with the right name, role and groups, logs out of both, and must log in again at the provider.
 * A refused login (an ID token for another client) lands on the login page in French, logged out.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupKey } from '../../server/access/groups.ts';
import { collectPageErrors, launchBrowser } from '../helpers/browser.ts';
import { hubClient, startSsoHub, startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { root, type TestHub } from '../helpers/start-hub.ts';

const label = 'le compte de la mairie';
let provider: TestProvider;
let gare: TestHub;
let browser: Browser;

beforeAll(async () => {
  provider = await startTestProvider();
  gare = await startSsoHub({
    issuer: provider.issuer,
    env: {
      GARE_OIDC_LABEL: label,
      GARE_OIDC_SCOPES: 'openid email profile usual_name groups roles',
      GARE_OIDC_GROUPS_CLAIM: 'groups',
      GARE_OIDC_ROLE_CLAIM: 'roles',
      GARE_OIDC_ROLES: 'equipe:gare-equipe',
      GARE_LOCAL_LOGIN: 'off',
    },
  });
  provider.addClient(hubClient(gare.url));
  // A page for the « Accompagnement » group only: Sami's groups come from the provider's claim.
  const dir = gare.hub.config.contentDir;
  await writeFile(path.join(dir, 'suivi-accompagnement.md'), '---\ntitle: Suivi réservé à l’accompagnement\ngroupes: [Accompagnement]\n---\nNotes du groupe.\n');
  execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@exemple.org', 'add', 'suivi-accompagnement.md']);
  execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@exemple.org', 'commit', '-q', '-m', 'Page du groupe Accompagnement']);
  await gare.hub.sync();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  await provider?.stop();
});

/** From the hub's login page through the provider's form. */
async function logInAtProvider(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${gare.url}/connexion`);
  await page.getByRole('link', { name: `Se connecter avec ${label}` }).click();
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Valider' }).click();
}

describe('single sign-on in the browser', () => {
  it('logs in through the provider with name, role and groups, and logs out of the provider too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);

    await page.goto(`${gare.url}/connexion`);
    // Passwords are off: the page offers the provider only.
    await expect(page.getByLabel('Mot de passe').count()).resolves.toBe(0);
    await logInAtProvider(page, 'sami', 'mot-de-passe-sami');
    await page.waitForURL(`${gare.url}/`);
    const account = page.locator('.account');
    await expect(account.locator('.name').textContent()).resolves.toBe('Sami Benali');
    await expect(account.locator('.role').textContent()).resolves.toBe('Équipe');
    const cookie = (await context.cookies(gare.url)).find((c) => c.name === 'gare_session');
    expect((await gare.hub.accounts.getSession(cookie?.value ?? ''))?.groups).toEqual([groupKey('Accompagnement'), groupKey('Direction des sports')].sort());
    // The group's page opens for Sami.
    await page.goto(`${gare.url}/wiki/suivi-accompagnement`);
    await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain('Suivi réservé à l’accompagnement');

    await account.getByRole('button', { name: 'Se déconnecter' }).click();
    // The provider asks to confirm its own logout, then sends the browser back to the hub.
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page.waitForURL(/\/connexion\?ok=/);
    await expect(page.getByText(`Vous êtes déconnecté·e de Gare centrale et de ${label}.`).isVisible()).resolves.toBe(true);
    expect((await context.cookies(gare.url)).some((c) => c.name === 'gare_session')).toBe(false);

    // The provider's session ended too: the next login asks for the password again.
    await page.getByRole('link', { name: `Se connecter avec ${label}` }).click();
    await expect(page.getByLabel('Identifiant').isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    // The provider's pages have no favicon (a 404 of its own); nothing else may fail, CSP included.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('refuses an ID token made for another client and says so on the login page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    provider.tamperNextIdToken((claims) => ({ ...claims, aud: 'un-autre-client' }));
    await logInAtProvider(page, 'camille', 'mot-de-passe-camille');
    await page.waitForURL(/\/connexion\?erreur=/);
    await expect(page.getByText(`La réponse de ${label} n’a pas pu être vérifiée.`, { exact: false }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.account').getByRole('link', { name: 'Se connecter' }).isVisible()).resolves.toBe(true);
    expect((await context.cookies(gare.url)).some((c) => c.name === 'gare_session')).toBe(false);
    await context.close();
  });

  it('gives a person outside the group the default role and no way into the group’s page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logInAtProvider(page, 'camille', 'mot-de-passe-camille');
    await page.waitForURL(`${gare.url}/`);
    await expect(page.locator('.account .name').textContent()).resolves.toBe('Camille Durand');
    await expect(page.locator('.account .role').textContent()).resolves.toBe('Contributeur·ice');
    expect((await page.goto(`${gare.url}/wiki/suivi-accompagnement`))?.status()).toBe(404);
    await context.close();
  });

  it('passes a WCAG 2.1 AA audit on the login page with the provider button and on its help page', async () => {
    const axeSource = await readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const url of ['/connexion', '/aide/connexion']) {
      await page.goto(gare.url + url);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
        return result.violations.map((v) => v.id);
      });
      expect(violations, url).toEqual([]);
    }
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('La connexion unique avec le compte de votre organisation');
    await context.close();
  });

  it('refuses a password login when local passwords are off', async () => {
    const res = await fetch(`${gare.url}/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare.url },
      body: new URLSearchParams({ email: 'sami.benali@mairie.example', password: 'un mot de passe' }).toString(),
    });
    expect(new URL(res.headers.get('location') ?? '', gare.url).searchParams.get('erreur')).toBe(`Les mots de passe sont désactivés sur ce hub : utilisez « Se connecter avec ${label} ».`);
  });
});
