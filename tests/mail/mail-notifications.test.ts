import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import type { ReceivedMail } from '../helpers/smtp-server.ts';
import { startMailHub, type MailTestHub } from './mail-hub.ts';

let gare: MailTestHub;
let camille: TestSession; // équipe
let bruno: TestSession; // contributeur: reads public pages only
let zoe: TestSession; // équipe, writes the pages

beforeAll(async () => {
  gare = await startMailHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
}, 60_000);
afterAll(() => gare?.stop());

const service = () => {
  const s = gare.hub.mail.service;
  if (!s) throw new Error('the hub should send e-mails');
  return s;
};

/** Commits a page from the terminal as `who`, then lets the hub sync, notify and e-mail. */
async function commit(who: TestSession, file: string, frontMatter: string, body: string): Promise<void> {
  const dir = gare.hub.config.contentDir;
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), `---\n${frontMatter}\n---\n\n${body}\n`);
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, ...args], { stdio: 'pipe' });
  git('add', file);
  git('commit', '-m', `Écrit ${file}`);
  await gare.hub.sync();
  await gare.hub.notifications.idle();
  await service().idle();
}

/** A header as sent (mailparser turns List-* headers into objects). */
const header = (m: ReceivedMail, name: string): string =>
  m.mail.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim() ?? '';

/** The French message of a form's redirect (`?ok=` or `?erreur=`). */
const message = (answer: Response): string => decodeURIComponent((answer.headers.get('location') ?? '').replace(/\+/g, ' '));

/** The form post of /compte's e-mail setting, as a browser without JavaScript sends it. */
const chooseMode = (who: TestSession, mode: string) =>
  fetch(`${gare.url}/api/account/email`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gare.url, cookie: who.cookie },
    body: new URLSearchParams({ _csrf: who.csrf, mode }).toString(),
  });

describe('immediate e-mails', () => {
  it('a mention sends one e-mail: French subject, link to the page, unsubscribe link and header', async () => {
    await commit(zoe, 'reunions/point-courriel.md', 'title: Point courriel\ntype: reunion\nvisibility: equipe', '@Camille.Dupont peux-tu relire le budget ?');
    const m = await gare.smtp.next((x) => x.to.includes(camille.email));
    expect(m.mail.subject).toBe('[Gare centrale] Zoé Leroy vous cite dans « Point courriel »');
    expect(m.mail.from?.text).toContain('gare@exemple.org');
    expect(m.mail.text).toContain(`Ouvrir : ${gare.url}/wiki/reunions/point-courriel`);
    expect(m.mail.text).toContain('peux-tu relire le budget');
    expect(m.mail.html).toContain('<html lang="fr">');
    expect(m.mail.html).toContain(`href="${gare.url}/wiki/reunions/point-courriel"`);
    const unsubscribe = /Ne plus recevoir d’e-mails : (\S+)/.exec(m.mail.text ?? '')?.[1];
    expect(unsubscribe).toMatch(new RegExp(`^${gare.url}/notifications/desabonnement\\?jeton=[\\w-]{43}$`));
    expect(header(m, 'list-unsubscribe')).toContain(unsubscribe);
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const row = (await gare.hub.notifications.store.list({ userId: camille.id }))[0];
    expect(row?.kind).toBe('mention');
    expect(row?.emailedAt).toBeTypeOf('number');
    // Only the person mentioned got an e-mail about it.
    expect(gare.smtp.messages.filter((x) => x.mail.subject?.includes('Point courriel'))).toHaveLength(1);
  });

  it('an e-mail refused by the SMTP server is sent again by the retry round', async () => {
    gare.smtp.failNext(1);
    const before = gare.smtp.to(camille.email).length;
    await commit(zoe, 'reunions/point-relance.md', 'title: Point relance\ntype: reunion\nvisibility: equipe', 'Avis de @Camille.Dupont attendu.');
    expect(gare.smtp.to(camille.email)).toHaveLength(before);
    expect((await gare.hub.notifications.store.list({ userId: camille.id }))[0]?.emailedAt).toBeUndefined();
    await service().retryPending();
    const m = await gare.smtp.next((x) => x.to.includes(camille.email) && x.mail.subject?.includes('Point relance') === true);
    expect(m.mail.text).toContain('/wiki/reunions/point-relance');
    await service().retryPending();
    expect(gare.smtp.messages.filter((x) => x.mail.subject?.includes('Point relance'))).toHaveLength(1);
  });
});

describe('what a person may not read is never e-mailed', () => {
  it('a notification whose page is no longer readable by its recipient is dropped, not sent', async () => {
    const before = gare.smtp.to(bruno.email).length;
    // As if Bruno had been told of this team page when he could read it, and lost access since.
    const id = await gare.hub.notifications.store.add({ userId: bruno.id, kind: 'mention', targetKind: 'page', target: 'reunions/point-courriel.md', actorName: 'Zoé Leroy', data: { title: 'Point courriel', url: '/wiki/reunions/point-courriel', excerpt: 'budget' } });
    await service().idle();
    expect(gare.smtp.to(bruno.email)).toHaveLength(before);
    expect((await gare.hub.notifications.store.get(id))?.emailedAt).toBeTypeOf('number');
    // And the retry round does not pick it up again.
    await service().retryPending();
    expect(gare.smtp.to(bruno.email)).toHaveLength(before);
  });

  it('a mention of someone who cannot read the page sends nothing', async () => {
    const before = gare.smtp.to(bruno.email).length;
    await commit(zoe, 'reunions/point-secret.md', 'title: Point secret\ntype: reunion\nvisibility: equipe', '@Bruno.Petit ne doit rien en savoir.');
    expect(gare.smtp.to(bruno.email)).toHaveLength(before);
    expect(gare.smtp.messages.some((x) => x.raw.includes('Point secret'))).toBe(false);
  });
});

describe('daily digest', () => {
  it('a person who chose the digest gets nothing at once, then one e-mail listing the two notifications', async () => {
    const answer = await chooseMode(camille, 'digest');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toMatch(/^\/compte\?ok=.+#courriels$/);
    const before = gare.smtp.to(camille.email).length;
    await commit(zoe, 'reunions/resume-un.md', 'title: Résumé un\ntype: reunion\nvisibility: equipe', 'Premier avis de @Camille.Dupont.');
    await commit(zoe, 'reunions/resume-deux.md', 'title: Résumé deux\ntype: reunion\nvisibility: equipe', 'Second avis de @Camille.Dupont.');
    expect(gare.smtp.to(camille.email)).toHaveLength(before);
    expect(await service().runDigest()).toBe(1);
    const m = await gare.smtp.next((x) => x.to.includes(camille.email));
    expect(m.mail.subject).toBe('[Gare centrale] Résumé du jour : 2 notifications');
    expect(m.mail.text).toContain('« Résumé un »');
    expect(m.mail.text).toContain('« Résumé deux »');
    expect(m.mail.text).toContain(`${gare.url}/wiki/reunions/resume-un`);
    expect(header(m, 'list-unsubscribe')).toContain('/notifications/desabonnement?jeton=');
    // Nothing is sent twice.
    await service().runDigest();
    expect(gare.smtp.to(camille.email)).toHaveLength(before + 1);
    expect((await chooseMode(camille, 'immediate')).status).toBe(303);
  });

  it('a mode that is not one of the three is refused with a French message', async () => {
    const answer = await chooseMode(camille, 'hourly');
    expect(answer.status).toBe(303);
    expect(message(answer)).toMatch(/erreur=.*choisissez/);
  });
});

describe('unsubscribe link', () => {
  it('asks to confirm on GET, and its one-click POST turns the e-mails off', async () => {
    const last = gare.smtp.to(camille.email).at(-1);
    const link = /Ne plus recevoir d’e-mails : (\S+)/.exec(last?.mail.text ?? '')?.[1] ?? '';
    const confirm = await fetch(link);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Ne plus recevoir d’e-mails</button>');
    expect(await gare.hub.mail.preferences.modeOf(camille.id)).toBe('immediate');
    // RFC 8058: the mail provider posts from its server, with no cookie and no Origin.
    const jeton = new URL(link).searchParams.get('jeton') ?? '';
    const post = await fetch(`${gare.url}/api/notifications/desabonnement?jeton=${jeton}`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(303);
    expect(message(post)).toContain('C’est fait, Camille Dupont');
    expect(await gare.hub.mail.preferences.modeOf(camille.id)).toBe('off');
    const before = gare.smtp.to(camille.email).length;
    await commit(zoe, 'reunions/apres-desabonnement.md', 'title: Après\ntype: reunion\nvisibility: equipe', 'Encore @Camille.Dupont.');
    expect(gare.smtp.to(camille.email)).toHaveLength(before);
    expect((await gare.hub.notifications.store.list({ userId: camille.id }))[0]?.target).toBe('reunions/apres-desabonnement.md');
    await gare.hub.mail.preferences.setMode({ userId: camille.id, mode: 'immediate' });
  });

  it('a wrong token changes nothing and says what to do', async () => {
    const post = await fetch(`${gare.url}/api/notifications/desabonnement?jeton=${'a'.repeat(43)}`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(303);
    expect(message(post)).toMatch(/erreur=Ce lien de désabonnement n’est pas reconnu/);
    expect(await gare.hub.mail.preferences.modeOf(camille.id)).toBe('immediate');
  });
});
