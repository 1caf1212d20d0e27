/**
 * Comments as a person uses them: select a passage of a page, « Commenter ce passage », write;
 * someone else replies; the first person resolves the thread. The passage is highlighted and
 * linked to its thread both ways; the page stays accessible (axe, WCAG 2.1 AA) with threads on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let browser: Browser;
let camille: TestSession;
let dominique: TestSession;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const file = 'ressources/animer-un-atelier.md';

beforeAll(async () => {
  gare = await startTestHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Martin');
  dominique = await signIn(gare.hub, 'contributeur', 'Dominique Petit');
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await gare?.stop();
});

async function open(who: TestSession | undefined): Promise<Page> {
  const context = await loggedInContext(browser, gare, who);
  contexts.push(context);
  const page = await context.newPage();
  collectPageErrors(page, errors);
  await page.goto(gare.url + gare.hub.index.get(file)!.url);
  return page;
}

/** Selects `words` in the page body, as a mouse drag over them would. */
async function select(page: Page, words: string): Promise<void> {
  await page.locator('article.prose').evaluate((article, wanted) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const starts = nodes.map((n) => ((text += n.data), text.length - n.data.length));
    const at = text.indexOf(wanted);
    const locate = (i: number): [Text, number] => {
      const k = starts.findLastIndex((s) => s <= i);
      return [nodes[k]!, i - starts[k]!];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, words);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('a discussion on a page', () => {
  it('comments a passage, gets a reply and is resolved, the passage highlighted and linked both ways', async () => {
    const page = await open(camille);
    // Across a bold word: the passage spans several pieces of text.
    const words = 'font quelque chose ensemble';
    await select(page, 'participant·es font quelque chose ensemble');
    const button = page.getByRole('toolbar', { name: 'Passage sélectionné' }).getByRole('button', { name: 'Commenter ce passage' });
    await button.waitFor();
    // Reachable by keyboard: the button is a real button, placed right after the text.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-anchor-summary]').innerText(), { timeout: 15_000 }).toContain(`« participant·es ${words} »`);
    const box = page.getByLabel('Nouveau commentaire sur cette page');
    await box.fill('Des exemples concrets ici ? ');
    // The textarea offers @-completion among the page's readers (data-mentions).
    await box.pressSequentially('@Domin');
    await page.getByRole('option', { name: /Dominique Petit/ }).waitFor({ timeout: 15_000 });
    await box.press('Enter');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toMatch(/@Dominique\S* $/);
    await page.getByRole('button', { name: 'Commenter', exact: true }).click();
    await page.waitForURL(/#fil-/);
    const thread = page.locator('article[data-thread]').first();
    expect(await thread.innerText()).toContain('Des exemples concrets ici ?');
    expect(await page.getByRole('status').filter({ hasText: 'Discussion ouverte.' }).count()).toBe(1);
    // The passage is highlighted, named, and the two link to each other.
    const mark = page.locator('mark.comment-passage').first();
    await mark.waitFor();
    expect(await page.locator('mark.comment-passage').allInnerTexts()).toEqual(['participant·es', 'font', 'quelque chose ensemble']);
    expect(await mark.getAttribute('aria-label')).toBe('Passage commenté');
    const id = (await thread.getAttribute('data-thread'))!;
    expect(await page.locator(`a.comment-passage-link[href="#fil-${id}"]`).count()).toBe(1);
    expect(await thread.getByRole('link', { name: /participant·es font quelque chose ensemble/ }).getAttribute('href')).toBe(`#passage-${id}`);

    const other = await open(dominique);
    const theirs = other.locator(`#fil-${id}`);
    await theirs.getByLabel('Répondre à Camille Martin').fill('Oui : la carte des bancs du quartier.');
    await theirs.getByRole('button', { name: 'Répondre' }).click();
    await other.waitForURL(/discussion=/);
    await expect.poll(() => other.locator(`#fil-${id}`).innerText(), { timeout: 15_000 }).toContain('Dominique Petit');

    await page.reload();
    const mine = page.locator(`#fil-${id}`);
    expect(await mine.innerText()).toContain('la carte des bancs du quartier');
    expect(await axeViolations(page)).toEqual([]);
    await mine.getByRole('button', { name: 'Marquer comme résolue' }).click();
    await page.waitForURL(/discussion=/);
    const folded = page.locator('details[data-resolved-threads]');
    expect(await folded.locator(':scope > summary').innerText()).toBe('1 discussion résolue');
    // Back at the thread just resolved: the browser unfolds the resolved threads to show it.
    expect(await page.locator(`#fil-${id} [data-resolved]`).innerText()).toContain('Résolue par Camille Martin');
    expect(await axeViolations(page)).toEqual([]);

    // A visitor reads the discussion of a public page, and is asked to log in to take part.
    const visitor = await open(undefined);
    expect(await visitor.locator('details[data-resolved-threads]').getAttribute('open')).toBeNull();
    await visitor.locator('details[data-resolved-threads] > summary').click();
    expect(await visitor.locator(`#fil-${id}`).innerText()).toContain('la carte des bancs du quartier');
    expect(await visitor.locator('form[data-new-thread]').count()).toBe(0);
    expect(await visitor.getByRole('link', { name: 'Connectez-vous' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('comments a heading from its « commenter » link', async () => {
    const page = await open(camille);
    const heading = page.locator('article.prose h2#preparer');
    await heading.getByRole('link', { name: 'commenter la section' }).click();
    await expect.poll(() => page.locator('[data-anchor-summary]').innerText(), { timeout: 15_000 }).toContain('Sur la section : « Préparer »');
    await page.getByLabel('Nouveau commentaire sur cette page').fill('Ajouter une liste de matériel ?');
    await page.getByRole('button', { name: 'Commenter', exact: true }).click();
    await page.waitForURL(/#fil-/);
    expect(await page.getByRole('link', { name: '« Préparer »', exact: true }).getAttribute('href')).toBe('#preparer');
  });

  it('comments a pad, and the thread follows the pad into its published page', async () => {
    const res = await fetch(`${gare.url}/api/pads`, {
      method: 'POST',
      headers: { cookie: camille.cookie, 'x-csrf-token': camille.csrf, origin: gare.url, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Réunion discutée', template: 'reunion-equipe' }),
    });
    const name = ((await res.json()) as { name: string }).name;
    const context = await loggedInContext(browser, gare, camille);
    contexts.push(context);
    const page = await context.newPage();
    collectPageErrors(page, errors);
    await page.goto(`${gare.url}/pads/${name}`);
    await page.getByLabel('Nouveau commentaire sur ce pad').fill('Qui anime la prochaine fois ?');
    await page.getByRole('button', { name: 'Commenter', exact: true }).click();
    await page.waitForURL(/#fil-/);
    expect(await page.locator('article[data-thread]').innerText()).toContain('Qui anime la prochaine fois ?');
    await page.getByRole('button', { name: 'Publier dans le wiki' }).click();
    await page.waitForURL(/\/pads\//);
    const published = gare.hub.index.all().find((p) => p.meta.pad === name)!;
    await page.goto(gare.url + published.url);
    expect(await page.locator('article[data-thread]').innerText()).toContain('Qui anime la prochaine fois ?');
    expect(errors).toEqual([]);
  }, 60_000);
});
