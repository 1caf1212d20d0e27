import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { createLeakRepo, groupCanaries, groupName, paths } from '../security/leak-fixture.ts';

// The leak fixture's group: a section `suivi-renforce` restricted to « Accompagnement renforcé »
// by _gare/acces.yml, with one page whose body holds a canary word.
let repo: Awaited<ReturnType<typeof createLeakRepo>>;
let gare: TestHub;
let browser: Browser;
let member: TestSession;
let outsider: TestSession;
const pageUrl = `/wiki/${paths.groupSection.replace(/\.md$/, '')}`;
const pageTitle = `Suivi ${groupCanaries.title}`;

beforeAll(async () => {
  repo = await createLeakRepo();
  gare = await startTestHub({ contentDir: repo.dir });
  const admin = await signIn(gare.hub, 'admin');
  member = await signIn(gare.hub, 'equipe', 'Inès Membre');
  outsider = await signIn(gare.hub, 'equipe', 'Omar Hors-groupe');
  const group = await gare.hub.accounts.createGroup({ name: groupName, by: admin.id });
  await gare.hub.accounts.addMember({ groupId: group.id, userId: member.id, by: admin.id });
  await gare.hub.search.ready;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  if (repo) await rm(repo.dir, { recursive: true, force: true });
});

/** Types the canary in the live search box of /recherche and returns the results' text once it has answered. */
async function liveSearch(page: Page, words: string): Promise<string> {
  await page.goto(gare.url + '/recherche');
  await page.getByRole('searchbox', { name: 'Rechercher dans le wiki' }).first().fill(words);
  const status = page.locator('[data-status]').first();
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/résultat|Aucun/i);
  return (await page.getByRole('list', { name: 'Résultats de la recherche' }).first().getByRole('link').allInnerTexts()).join('\n');
}

describe('a section restricted to a group, in the browser', () => {
  it('shows a member the section in the sommaire, the page with who may read it, and finds it in the live search', async () => {
    const context = await loggedInContext(browser, gare, member);
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    await page.goto(gare.url + '/sommaire');
    expect(await page.locator('main').innerText()).toContain(pageTitle);
    await page.getByRole('link', { name: pageTitle }).first().click();
    await page.waitForURL(gare.url + pageUrl);
    expect(await page.locator('[data-groups]').innerText()).toContain(`Réservé aux groupes : ${groupName}`);
    expect(await liveSearch(page, groupCanaries.body)).toContain(pageTitle);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides it from a team member outside the group: not in the sommaire, not in the search, and the same 404 as a missing page', async () => {
    const context = await loggedInContext(browser, gare, outsider);
    const page = await context.newPage();
    await page.goto(gare.url + '/sommaire');
    const sommaire = await page.locator('main').innerText();
    expect(sommaire).not.toContain(pageTitle);
    expect(sommaire).not.toContain('suivi-renforce');
    expect(await liveSearch(page, groupCanaries.body)).not.toContain(groupCanaries.title);
    const hidden = await page.goto(gare.url + pageUrl);
    expect(hidden?.status()).toBe(404);
    const hiddenText = await page.locator('main').innerText();
    const missing = await page.goto(gare.url + pageUrl + '-absente');
    expect(missing?.status()).toBe(404);
    expect(hiddenText).toContain('Page introuvable');
    expect(hiddenText).not.toContain(groupCanaries.title);
    await context.close();
  });
});
