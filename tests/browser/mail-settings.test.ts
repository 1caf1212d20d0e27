import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, loggedInContext } from '../helpers/browser.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root } from '../helpers/start-hub.ts';
import { tagKey } from '../../server/wiki/paths.ts';
import { startMailHub, type MailTestHub } from '../mail/mail-hub.ts';

let gare: MailTestHub;
let browser: Browser;
let camille: TestSession; // équipe
let bruno: TestSession; // contributeur: cannot read team pages
let zoe: TestSession; // équipe, writes the comment
let axeSource: string;

beforeAll(async () => {
  gare = await startMailHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
  [browser, axeSource] = await Promise.all([launchBrowser(), readFile(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gare?.stop();
});

describe('a mention in a comment', () => {
  it('e-mails the person mentioned, whose link opens the page; a person who cannot read it gets nothing', async () => {
    const team = gare.hub.index.all().find((p) => p.meta.visibility === 'equipe');
    if (!team) throw new Error('the sample wiki has team pages');
    const context = await loggedInContext(browser, gare, zoe);
    const page = await context.newPage();
    await page.goto(gare.url + team.url);
    await page.getByLabel('Nouveau commentaire sur cette page').fill('@Camille.Dupont et @Bruno.Petit, pouvez-vous relire ? ');
    await page.getByRole('button', { name: 'Commenter', exact: true }).click();
    await page.waitForURL(/#fil-/);
    const mail = await gare.smtp.next((m) => m.to.includes(camille.email));
    expect(mail.mail.subject).toBe(`[Gare centrale] Zoé Leroy vous cite dans « ${team.meta.title} »`);
    const link = /Ouvrir : (\S+)/.exec(mail.mail.text ?? '')?.[1] ?? '';
    await context.close();
    // Camille follows the e-mail's link and finds the page and the notification.
    const hers = await (await loggedInContext(browser, gare, camille)).newPage();
    await hers.goto(link);
    expect(await hers.getByRole('heading', { level: 1 }).innerText()).toBe(team.meta.title);
    expect(await hers.locator('header').getByRole('link', { name: /^Notifications/ }).innerText()).toMatch(/1/);
    await hers.context().close();
    await gare.hub.notifications.idle();
    await gare.hub.mail.service?.idle();
    expect(gare.smtp.to(bruno.email)).toEqual([]);
  });
});

describe('the e-mail setting on /compte', () => {
  it('switches to the daily digest with the keyboard, says so, and keeps the choice', async () => {
    const context = await loggedInContext(browser, gare, camille);
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    await page.goto(gare.url + '/compte');
    const section = page.getByRole('region', { name: 'E-mails' });
    expect(await section.getByRole('radio', { name: 'À chaque notification' }).isChecked()).toBe(true);
    // Keyboard only: arrows move the choice within the group, Tab reaches the button.
    await section.getByRole('radio', { name: 'À chaque notification' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await section.getByRole('radio', { name: 'Un résumé par jour' }).isChecked()).toBe(true);
    await section.getByRole('button', { name: 'Enregistrer mon choix' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compte\?ok=/);
    expect(await page.getByRole('status').first().innerText()).toContain('un résumé par jour');
    expect(await page.getByRole('region', { name: 'E-mails' }).getByRole('radio', { name: 'Un résumé par jour' }).isChecked()).toBe(true);
    expect(await gare.hub.mail.preferences.modeOf(camille.id)).toBe('digest');
    await page.reload();
    expect(await page.getByRole('radio', { name: 'Un résumé par jour' }).isChecked()).toBe(true);
    // WCAG 2.1 AA on the setting itself.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
      const result = await axe.run('#courriels', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows a tag from its page, then gets a change of a page in it in the next daily digest', async () => {
    // Camille chose the digest just above: following a tag sends nothing at once, the digest tells.
    const context = await loggedInContext(browser, gare, camille);
    const page = await context.newPage();
    await page.goto(`${gare.url}/tags/france-travail`);
    await page.getByRole('button', { name: 'Suivre', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Ne plus suivre' }).count()).toBe(1);
    await context.close();

    const tagged = gare.hub.index.all().find((p) => p.meta.visibility === 'public' && p.tagKeys.includes(tagKey('France Travail')));
    if (!tagged) throw new Error('the sample wiki has a public page tagged France Travail');
    const dir = gare.hub.config.contentDir;
    await writeFile(path.join(dir, tagged.path), `${await readFile(path.join(dir, tagged.path), 'utf8')}\nUne précision pour le résumé du jour.\n`);
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', `user.name=${zoe.name}`, '-c', `user.email=${zoe.email}`, ...args], { stdio: 'pipe' });
    git('commit', '-qam', 'Précision');
    await gare.hub.sync();
    await gare.hub.notifications.idle();
    const service = gare.hub.mail.service;
    if (!service) throw new Error('the mail hub sends e-mails');
    await service.idle();
    const before = gare.smtp.to(camille.email).length;
    expect(await service.runDigest()).toBe(1);
    const digest = await gare.smtp.next((m) => m.to.includes(camille.email) && /Résumé du jour/.test(m.mail.subject ?? ''));
    expect(digest.mail.text).toContain(`« ${tagged.meta.title} »`);
    expect(gare.smtp.to(camille.email)).toHaveLength(before + 1);
  });

  it('the unsubscribe page asks to confirm, then says it is done', async () => {
    const token = await gare.hub.mail.preferences.unsubscribeToken(camille.id);
    const context = await loggedInContext(browser, gare);
    const page = await context.newPage();
    await page.goto(`${gare.url}/notifications/desabonnement?jeton=${token}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ne plus recevoir d’e-mails');
    await page.getByRole('button', { name: 'Ne plus recevoir d’e-mails' }).click();
    await page.waitForURL(/desabonnement\?ok=/);
    expect(await page.getByRole('status').first().innerText()).toContain('C’est fait, Camille Dupont');
    expect(await gare.hub.mail.preferences.modeOf(camille.id)).toBe('off');
    await context.close();
  });
});
