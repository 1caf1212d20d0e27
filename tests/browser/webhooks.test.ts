/**
 * An admin sets a webhook from /admin/webhooks, copies its secret, saves a page in the editor and
 * finds the delivery in the log — received and verified by a real receiver on loopback; a failed
 * delivery is sent again with « Renvoyer »; the page passes axe, light and dark.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { startReceiver, type Receiver } from '../webhooks/receiver.ts';

let gare: TestHub;
let browser: Browser;
let page: Page;
let receiver: Receiver;
const browserErrors: string[] = [];

/** axe-core's WCAG 2.1 AA violations of the page, as `rule: targets` lines. */
async function axeViolations(p: Page): Promise<string[]> {
  await p.evaluate(await readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

beforeAll(async () => {
  gare = await startTestHub();
  receiver = await startReceiver();
  browser = await launchBrowser();
  const admin = await signIn(gare.hub, 'admin');
  page = await (await loggedInContext(browser, gare, admin)).newPage();
  collectPageErrors(page, browserErrors);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
  await receiver?.close();
});

describe('webhooks in the admin pages', () => {
  it('creates a hook, saves a page, and shows the delivery the receiver verified', async () => {
    await page.goto(`${gare.url}/admin`);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/admin\/webhooks$/);
    await page.getByLabel('Adresse qui reçoit les envois').fill(`${receiver.url}/gare`);
    expect(await page.getByLabel(/Page enregistrée/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer le webhook' }).click();
    await expect.poll(() => page.locator('p.notice[role="status"]').innerText()).toContain('Webhook créé');
    receiver.secret = await page.getByLabel(/Copiez ce secret/).inputValue();
    expect(receiver.secret.length).toBeGreaterThan(30);
    // Shown once: a reload no longer has it.
    await page.reload();
    expect(await page.getByLabel(/Copiez ce secret/).count()).toBe(0);

    const target = gare.hub.index.all().find((p) => p.path === 'ressources/trouver-une-date.md')!;
    await page.goto(`${gare.url}/modifier/${target.slug}`);
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nUne ligne pour le webhook.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(gare.url + target.url);
    await gare.hub.webhooks.idle();

    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.signatureOk).toBe(true);
    expect(receiver.received[0]?.json).toMatchObject({ event: 'page.saved', change: 'modified', page: { path: target.path, url: target.url } });

    await page.goto(`${gare.url}/admin/webhooks`);
    expect(await page.getByRole('table', { name: /Webhooks/ }).innerText()).toContain('1 reçu, 0 en attente, 0 en échec');
    await page.getByRole('link', { name: `Journal des envois de ${receiver.url}/gare` }).click();
    const log = page.getByRole('table', { name: /Envois, les plus récents d’abord/ });
    const line = await log.locator('tbody tr').first().innerText();
    expect(line).toContain('page.saved');
    expect(line).toContain('Reçu');
    expect(line).toContain('HTTP 200');
  });

  it('sends a failed delivery again with « Renvoyer », and passes axe light and dark', async () => {
    const [hook] = await gare.hub.webhooks.listWebhooks();
    receiver.status = 500;
    await gare.hub.commits.commitFiles({ changes: [{ path: 'ressources/note-webhook.md', content: '---\ntitle: Note du webhook\nvisibility: public\n---\n\nTexte.\n' }], author: { name: 'T', email: 't@exemple.org' }, message: 'note' });
    await gare.hub.sync();
    await gare.hub.webhooks.idle();
    // Its retries spent, as after six hours of refusals.
    const [pending] = (await gare.hub.webhooks.listDeliveries({ webhookId: hook?.id ?? '' })).items;
    await gare.hub.accounts.sql.run("UPDATE webhook_deliveries SET status = 'failed' WHERE id = ?", [pending?.id ?? 0]);
    receiver.status = 200;

    await page.goto(`${gare.url}/admin/webhooks?webhook=${hook?.id}`);
    const log = page.getByRole('table', { name: /Envois, les plus récents d’abord/ });
    expect(await log.locator('tbody tr').first().innerText()).toContain('HTTP 500');
    await log.getByRole('button', { name: /^Renvoyer/ }).click();
    await expect.poll(() => page.locator('p.notice[role="status"]').innerText()).toContain('Envoi remis en file');
    await gare.hub.webhooks.idle();
    expect(receiver.received.at(-1)?.json).toMatchObject({ event: 'page.saved', page: { title: 'Note du webhook' } });
    await page.reload();
    expect(await log.locator('tbody tr').first().innerText()).toContain('Reçu');

    for (const dark of [false, true]) {
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      for (const url of ['/admin/webhooks', `/admin/webhooks?webhook=${hook?.id}&supprimer=1`]) {
        await page.goto(gare.url + url);
        expect(await axeViolations(page), `${url}${dark ? ' (sombre)' : ''}`).toEqual([]);
      }
    }
    expect(browserErrors).toEqual([]);
  });
});
