/** « Imprimer / PDF » and the downloads, as a person uses them in Chromium. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { createExportRepo, files, secret } from '../export/export-fixture.ts';

let gare: TestHub;
let dir: string;
let tmp: string;
let browser: Browser;
let page: Page;
const meetingUrl = `/wiki/${files.meeting.replace(/\.md$/, '')}`;
const publicUrl = `/wiki/${files.publicPage.replace(/\.md$/, '')}`;

beforeAll(async () => {
  dir = await createExportRepo();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gare-print-'));
  gare = await startTestHub({ contentDir: dir });
  browser = await launchBrowser();
  page = await browser.newPage({ acceptDownloads: true });
  // Count the print dialogs asked for instead of opening one.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  for (const d of [dir, tmp]) if (d) await rm(d, { recursive: true, force: true });
});

describe('printing a meeting note', () => {
  it('offers « Imprimer / PDF », which opens the print dialog', async () => {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(gare.url + meetingUrl);
    const button = page.getByRole('button', { name: 'Imprimer / PDF' });
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // On screen the printed-only summary stays out of the way.
    expect(await page.locator('.print-footer').isVisible()).toBe(false);
  });

  it('offers no dead button without JavaScript (the browser’s own Print menu gives the same page)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(gare.url + meetingUrl);
    expect(await plain.getByRole('button', { name: 'Imprimer / PDF' }).count()).toBe(0);
    expect(await plain.getByRole('link', { name: /au format ODT/ }).count()).toBe(1);
    await context.close();
  });

  it('prints without navigation, header, footer, buttons or search, with the decisions, licence and authors', async () => {
    await page.goto(gare.url + meetingUrl);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.site-footer', 'nav.crumbs', 'button', '[role=search]', '.backlinks-col', '.about-col']) {
      const shown = await page.locator(hidden).evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);
      expect(shown, hidden).toBe(0);
    }
    const footer = page.locator('.print-footer');
    expect(await footer.isVisible()).toBe(true);
    const text = await footer.innerText();
    expect(text).toContain('ouvrir l’atelier un samedi sur deux');
    expect(text).toMatch(/☐ commander des rustines — @Nadia, avant le 20 mai 2026/);
    expect(text).toMatch(/Licence : CC BY-SA 4\.0/);
    expect(text).toMatch(/Auteur·ice : Karim Benali/);
    await page.emulateMedia({ media: 'screen' });
  });

  it('makes a PDF whose text has the title and the decisions, and no navigation', async () => {
    await page.goto(gare.url + meetingUrl);
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(tmp, 'reunion.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4' }));
    if (process.env['GARE_KEEP_PDF']) await writeFile(process.env['GARE_KEEP_PDF'], await readFile(pdf));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Réunion de l’atelier du 4 mai');
    expect(text).toContain('Décisions');
    expect(text).toContain('ouvrir l’atelier un samedi sur deux');
    expect(text).toContain('commander des rustines');
    expect(text).toContain('Karim Benali');
    expect(text).not.toContain('Aller au contenu');
    expect(text).not.toContain('Imprimer / PDF');
    expect(text).not.toContain('Télécharger');
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints the address after an external link', async () => {
    await page.goto(gare.url + publicUrl);
    await page.emulateMedia({ media: 'print' });
    const after = await page.locator('.prose a[href^="https://www.heureux-cyclage.org"]').evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('https://www.heureux-cyclage.org/');
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('downloading', () => {
  it('downloads the page as DOCX from « Télécharger : ODT · DOCX »', async () => {
    await page.goto(gare.url + publicUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /au format DOCX/ }).click()]);
    expect(download.suggestedFilename()).toBe('atelier-velo.docx');
    const file = path.join(tmp, 'page.docx');
    await download.saveAs(file);
    const { value } = await mammoth.extractRawText({ buffer: await readFile(file) });
    expect(value).toContain('Atelier vélo du samedi');
    expect(value).toContain('Clé de 15');
  });

  it('downloads a section as a zip from the sommaire, without the team page beside it', async () => {
    await page.goto(gare.url + '/sommaire');
    const group = page.locator('details.section-group', { hasText: 'Ateliers' });
    await group.locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), group.getByRole('link', { name: 'Télécharger la rubrique (zip)' }).click()]);
    const file = path.join(tmp, 'rubrique.zip');
    await download.saveAs(file);
    const entries = unzipSync(new Uint8Array(await readFile(file)));
    expect(Object.keys(entries).sort()).toEqual([files.publicImage, files.publicPage].sort());
    expect(Object.keys(entries).join(' ')).not.toContain(secret.file.toLowerCase());
  });
});
