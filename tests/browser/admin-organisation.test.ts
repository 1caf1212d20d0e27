/** An admin runs an organisation from the web: a group, a member, a section restricted to it, the journal, an invitation revoked. */
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
let adminPage: Page;
let member: TestSession;
let outsider: TestSession;
const browserErrors: string[] = [];
const sectionPage = '/wiki/accompagnements/awa-sene';

/** axe-core's WCAG 2.1 AA violations of the page, as `rule: targets` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

const git = (...args: string[]) => execFileSync('git', ['-C', gare.hub.config.contentDir, ...args], { encoding: 'utf8' }).trim();

async function pageOf(session: TestSession): Promise<Page> {
  return (await loggedInContext(browser, gare, session)).newPage();
}

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  const admin = await signIn(gare.hub, 'admin');
  member = await signIn(gare.hub, 'equipe', 'Nadia Membre');
  outsider = await signIn(gare.hub, 'equipe', 'Octave Dehors');
  adminPage = await pageOf(admin);
  collectPageErrors(adminPage, browserErrors);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('administration of an organisation', () => {
  it('creates a group, adds a member, and restricts a section to it from /admin/droits', async () => {
    // Both team members read the section before it is restricted.
    for (const who of [member, outsider]) expect((await fetch(gare.url + sectionPage, { headers: { cookie: who.cookie } })).status).toBe(200);

    await adminPage.goto(`${gare.url}/admin/groupes`);
    await adminPage.getByLabel('Nom du groupe').fill('Accompagnement');
    await adminPage.getByRole('button', { name: 'Créer le groupe' }).click();
    await adminPage.waitForURL(/\/admin\/groupes\/[\w-]+\?ok=/);
    await expect.poll(() => adminPage.getByRole('status').innerText()).toContain('Groupe « Accompagnement » créé');

    await adminPage.getByLabel('Nom ou adresse e-mail').fill('Nadia');
    await adminPage.getByLabel('Nom ou adresse e-mail').press('Enter');
    await adminPage.getByRole('button', { name: 'Ajouter Nadia Membre au groupe' }).click();
    await expect.poll(() => adminPage.getByRole('status').innerText()).toContain('ajoutée au groupe');
    const members = adminPage.getByRole('table', { name: 'Membres du groupe Accompagnement' });
    expect(await members.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringContaining('Nadia Membre')]);

    await adminPage.getByRole('link', { name: 'Droits par rubrique' }).click();
    await adminPage.getByLabel('Groupes en lecture de la rubrique accompagnements').fill('Accompagnement');
    const before = git('rev-parse', 'HEAD');
    await adminPage.getByRole('button', { name: 'Enregistrer les droits' }).click();
    await expect.poll(() => adminPage.getByRole('status').innerText()).toContain('Droits enregistrés (accompagnements)');
    expect(git('rev-parse', 'HEAD^')).toBe(before);
    expect(git('show', 'HEAD:_gare/acces.yml')).toContain('accompagnements:\n    lecture: [Accompagnement]');
    expect(await adminPage.getByLabel('Groupes en lecture de la rubrique accompagnements').inputValue()).toBe('Accompagnement');

    const memberPage = await pageOf(member);
    expect((await memberPage.goto(gare.url + sectionPage))?.status()).toBe(200);
    expect(await memberPage.getByRole('heading', { level: 1 }).innerText()).toContain('Awa Sène');
    const outsiderPage = await pageOf(outsider);
    expect((await outsiderPage.goto(gare.url + sectionPage))?.status()).toBe(404);
    expect(await outsiderPage.getByRole('heading', { level: 1 }).innerText()).toBe('Page introuvable');
    expect(await outsiderPage.title()).not.toContain('Awa Sène');
  });

  it('lists the three changes in the journal, newest first', async () => {
    await adminPage.getByRole('link', { name: 'Journal' }).click();
    const table = adminPage.getByRole('table', { name: /Changements, les plus récents d’abord/ });
    const lines = (await table.locator('tbody tr').allInnerTexts()).slice(0, 3);
    expect(lines[0]).toContain('Droits d’une rubrique changés');
    expect(lines[0]).toContain('accompagnements');
    expect(lines[1]).toContain('Membre ajouté');
    expect(lines[1]).toContain('Nadia Membre');
    expect(lines[2]).toContain('Groupe créé');
    expect(lines[2]).toContain('Accompagnement');
  });

  it('revokes a pending invitation, whose link then stops working', async () => {
    await adminPage.goto(`${gare.url}/admin`);
    await adminPage.getByLabel('Adresse e-mail (facultatif)').fill('paul@mairie.example');
    await adminPage.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
    const link = await adminPage.getByLabel(/Copiez ce lien/).inputValue();
    const pending = adminPage.getByRole('table', { name: /Invitations pas encore utilisées/ });
    expect(await pending.innerText()).toContain('paul@mairie.example');

    await pending.getByRole('button', { name: 'Révoquer l’invitation pour paul@mairie.example' }).click();
    await expect.poll(() => adminPage.getByRole('status').innerText()).toContain('paul@mairie.example révoquée');
    expect(await adminPage.getByText('Aucune invitation en attente').count()).toBe(1);
    const token = new URL(link).searchParams.get('jeton') ?? '';
    await expect(gare.hub.accounts.acceptInvitation({ token, name: 'Paul', email: 'paul@mairie.example', password: 'un long mot de passe' })).rejects.toMatchObject({ code: 'InvalidToken' });
    expect(browserErrors).toEqual([]);
  });

  it('has accessible admin pages, light and dark, and a people search that works from the keyboard', async () => {
    const group = (await gare.hub.accounts.listGroups())[0]?.id ?? '';
    for (const dark of [false, true]) {
      await adminPage.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      for (const url of ['/admin', '/admin/personnes', '/admin/groupes', `/admin/groupes/${group}?q=Octave&supprimer=1`, '/admin/droits', '/admin/journal']) {
        await adminPage.goto(gare.url + url);
        expect(await axeViolations(adminPage), `${url}${dark ? ' (sombre)' : ''}`).toEqual([]);
      }
    }
    await adminPage.goto(`${gare.url}/admin/personnes`);
    await adminPage.getByLabel('Nom ou adresse e-mail').focus();
    await adminPage.keyboard.type('octave');
    await adminPage.keyboard.press('Enter');
    await adminPage.waitForURL(/q=octave/);
    const table = adminPage.getByRole('table', { name: /Personnes trouvées pour « octave »/ });
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringContaining('Octave Dehors')]);
    expect(browserErrors).toEqual([]);
  });
});
