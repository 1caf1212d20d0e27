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

// The smallest valid PNG (1×1) and a tiny PDF: uploads are checked by their first bytes.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  gare = await startTestHub();
  browser = await launchBrowser();
  team = await signIn(gare.hub, 'equipe', 'Sacha Équipe');
  context = await loggedInContext(browser, gare, team);
  page = await context.newPage();
  collectPageErrors(page, browserErrors);
});
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('creating a page in the browser', () => {
  it('creates a page from a template, attaches a PDF and a photo, and publishes it', async () => {
    await page.goto(gare.url + '/nouvelle-page?titre=' + encodeURIComponent('Atelier réparation de vélos'));
    expect(await page.getByLabel('Titre').inputValue()).toBe('Atelier réparation de vélos');
    await page.getByLabel('Type de page').selectOption('tutoriel');
    expect(await page.getByLabel('Modèle').inputValue()).toBe('tutoriel');
    expect(await page.getByRole('radio', { name: /Publique/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer la page' }).click();

    // The editor opens on the template's text; nothing exists until « Enregistrer ».
    await page.waitForURL(/\/nouvelle-page\?etape=ecrire/);
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    expect((await editor.innerText()).length).toBeGreaterThan(20);
    expect(gare.hub.index.get('tutoriels/atelier-reparation-de-velos.md')).toBeUndefined();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nApportez votre vélo.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(gare.url + '/wiki/tutoriels/atelier-reparation-de-velos');
    const created = gare.hub.index.get('tutoriels/atelier-reparation-de-velos.md')!;
    expect(created.meta.type).toBe('tutoriel');
    expect((await gare.hub.index.pageSource(created))!.body).toContain('Apportez votre vélo.');

    await page.goto(gare.url + '/modifier/tutoriels/atelier-reparation-de-velos');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nLe plan de l’atelier : ');
    await page.locator('[data-upload-input]').setInputFiles([
      { name: 'plan atelier.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'photo-velo.png', mimeType: 'image/png', buffer: png },
    ]);
    await expect.poll(() => page.locator('[data-editor-status]').innerText()).toContain('2 fichiers joints');
    const text = await editor.innerText();
    expect(text).toMatch(/\[plan[^\]]*\.pdf\]\(\/fichiers\/tutoriels\/atelier-reparation-de-velos\.fichiers\/[^)]+\.pdf\)/);
    expect(text).toMatch(/!\[photo-velo[^\]]*\]\(\/fichiers\/[^)]+\.png\)/);

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(gare.url + '/wiki/tutoriels/atelier-reparation-de-velos');
    const image = page.locator('main article img').first();
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const pdfHref = await page.locator('main article a[href$=".pdf"]').first().getAttribute('href');
    const res = await fetch(gare.url + pdfHref!, { headers: { cookie: team.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(browserErrors).toEqual([]);
  });

  it('keeps both texts when someone saved the same paragraph meanwhile, and saves after the conflict is resolved', async () => {
    const path = 'ressources/gouvernance-partagee.md';
    const target = gare.hub.index.get(path)!;
    await page.goto(gare.url + '/modifier' + target.url.slice('/wiki'.length));
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    const targetBody = (await gare.hub.index.pageSource(target))!.body;
    const firstLine = targetBody.replace(/^\n+/, '').split('\n')[0]!;

    // Someone else changes the first line while the editor is open.
    const res = await fetch(`${gare.url}/api/pages/save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url },
      body: JSON.stringify({ path, title: target.meta.title, type: target.meta.type, tags: target.meta.tags, visibility: target.meta.visibility, summary: target.meta.summary, body: targetBody.replace(firstLine, 'Leur version de la première ligne.'), baseVersion: gare.hub.history.historyOf(path)[0]!.oid }),
    });
    expect(res.status).toBe(200);

    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('Ma version de la première ligne.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    const conflict = page.getByRole('region', { name: 'La page a changé pendant que vous écriviez' });
    await conflict.waitFor();
    // The passage both changed, side by side; the editor keeps both texts and never a marker.
    const passage = conflict.getByRole('listitem', { name: 'Passage 1 sur 1' });
    const side = (title: string) => passage.locator('.conflict-side').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
    expect(await side('Votre version').innerText()).toContain('Ma version de la première ligne.');
    expect(await side('Version enregistrée entre-temps').innerText()).toContain('Leur version de la première ligne.');
    const editorText = () => editor.innerText();
    expect(await editorText()).toContain('Ma version de la première ligne.');
    expect(await editorText()).toContain('Leur version de la première ligne.');
    expect(await editorText()).not.toMatch(/<{7}|>{7}|^={7}$/m);
    expect(JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).toContain('Ma version de la première ligne.');

    // The whole files stay at hand; taking theirs for the passage never loses what was typed.
    await conflict.getByText('Voir les deux versions entières').click();
    expect(await conflict.getByRole('region', { name: 'Votre version', exact: true }).innerText()).toContain('Ma version de la première ligne.');
    expect(await conflict.getByRole('region', { name: 'Version actuelle' }).innerText()).toContain('Leur version de la première ligne.');
    await passage.getByRole('button', { name: 'Garder la version enregistrée' }).click();
    await expect.poll(editorText).not.toContain('Ma version de la première ligne.');
    await conflict.getByRole('button', { name: 'Remettre ma version dans l’éditeur' }).click();
    await expect.poll(editorText).toContain('Ma version de la première ligne.');
    expect(await editorText()).not.toContain('Leur version de la première ligne.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(gare.url + target.url);
    expect((await gare.hub.index.pageSource(path))!.body).toContain('Ma version de la première ligne.');
    expect((await gare.hub.index.pageSource(path))!.body).not.toContain('Leur version de la première ligne.');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gare:brouillon:')))).toEqual([]);
    // The browser logs the 409 answer itself; nothing else may fail.
    expect(browserErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});
