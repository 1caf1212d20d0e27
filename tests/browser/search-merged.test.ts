/**
 * Each page is indexed once (issue 16): the team's browser merges the public bundle and the
 * team-only one and finds pages of both; a visitor loads the public bundle only.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

const publicTitle = 'Les hirondelles du canal';
const teamTitle = 'Réunion sur les hirondelles';
let contentDir: string;
let gare: TestHub;
let browser: Browser;

/** A repository of two pages sharing a word, one public, one for the team. */
async function createRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-merged-'));
  const page = (title: string, type: string, visibility: string, text: string) =>
    `---\ntitle: ${title}\ntype: ${type}\nvisibility: ${visibility}\n---\n\n${text}\n`;
  await mkdir(path.join(dir, 'ressources'));
  await mkdir(path.join(dir, 'reunions'));
  await writeFile(path.join(dir, 'ressources', 'hirondelles.md'), page(publicTitle, 'ressource', 'public', 'Les hirondelles nichent sous le pont.'));
  await writeFile(path.join(dir, 'reunions', 'hirondelles.md'), page(teamTitle, 'reunion', 'equipe', 'Compter les hirondelles avant l’hiver.'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@localhost' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-qm', 'Deux pages'], { cwd: dir, env });
  return dir;
}

beforeAll(async () => {
  contentDir = await createRepo();
  gare = await startTestHub({ contentDir });
  await gare.hub.search.ready;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  if (contentDir) await rm(contentDir, { recursive: true, force: true });
});

/** Types in the live search box of /recherche; returns the result titles and the bundles fetched. */
async function liveSearch(page: Page, words: string): Promise<{ titles: string[]; bundles: Set<string> }> {
  const bundles = new Set<string>();
  page.on('request', (request) => {
    const match = /\/pagefind\/([^/]+)\//.exec(new URL(request.url()).pathname);
    if (match?.[1]) bundles.add(match[1]);
  });
  await page.goto(gare.url + '/recherche');
  await page.getByRole('searchbox', { name: 'Rechercher dans le wiki' }).first().fill(words);
  const status = page.locator('[data-status]').first();
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/résultat|Aucun/i);
  const titles = await page.getByRole('list', { name: 'Résultats de la recherche' }).first().getByRole('link').allInnerTexts();
  return { titles: titles.map((t) => t.trim()), bundles };
}

describe('the live search over merged bundles', () => {
  it('finds a public page and a team page for a team member', async () => {
    const context = await loggedInContext(browser, gare, await signIn(gare.hub, 'equipe'));
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    const { titles, bundles } = await liveSearch(page, 'hirondelles');
    expect(titles.some((t) => t.includes(publicTitle))).toBe(true);
    expect(titles.some((t) => t.includes(teamTitle))).toBe(true);
    expect([...bundles].sort()).toEqual(['equipe', 'public']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds only the public page for a visitor, who never fetches the team bundle', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { titles, bundles } = await liveSearch(page, 'hirondelles');
    expect(titles.some((t) => t.includes(publicTitle))).toBe(true);
    expect(titles.some((t) => t.includes(teamTitle))).toBe(false);
    expect([...bundles]).toEqual(['public']);
    await context.close();
  });
});
