import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonSummary } from '../../server/auth/people.ts';
import { browser, csrfIn, messageOf, startAuthHub, type AuthTestHub, type Browser } from './auth-helpers.ts';

let gare: AuthTestHub;
/** The first admin's browser, logged in by the first test. */
let admin: Browser;
const adminEmail = 'alice@exemple.fr';
const adminPassword = 'une gare bien tenue';

beforeAll(async () => {
  gare = await startAuthHub();
  admin = browser(gare.url);
});
afterAll(() => gare?.stop());

const pathOf = (res: Response) => new URL(res.headers.get('location') ?? '', 'http://x').pathname;

async function adminCsrf(): Promise<string> {
  const res = await admin.get('/admin');
  expect(res.status).toBe(200);
  return csrfIn(await res.text());
}

/** Invites someone through the store and creates their account; returns id and credentials. */
async function addPerson(role: 'contributeur' | 'equipe' | 'admin', name: string, email: string, password = 'un mot de passe solide') {
  const by = (await gare.hub.accounts.listPeople()).find((p) => p.email === adminEmail)!.id;
  const { token } = await gare.hub.accounts.createInvitation({ role, invitedBy: by });
  const account = await gare.hub.accounts.acceptInvitation({ token, name, email, password });
  return { id: account.person.id, email, password };
}

async function logIn(b: Browser, email: string, password: string): Promise<Response> {
  return b.postForm('/api/login', { email, password });
}

async function people(): Promise<PersonSummary[]> {
  const res = await admin.get('/api/people');
  expect(res.status).toBe(200);
  return ((await res.json()) as { people: PersonSummary[] }).people;
}

describe('first admin and invitations', () => {
  it('creates the first admin from the welcome link, logs them in and opens the people page', async () => {
    const token = (await gare.hub.accounts.createFirstAdminToken())!;
    const page = await admin.get(`/bienvenue?jeton=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="/api/first-admin"');

    const res = await admin.postForm('/api/first-admin', { token, name: 'Alice Admin', email: adminEmail, password: adminPassword });
    expect(res.status).toBe(303);
    expect(pathOf(res)).toBe('/admin');
    expect(messageOf(res, 'ok')).toContain('Bienvenue');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gare_session='))!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);

    const adminPage = await admin.get('/admin');
    expect(adminPage.status).toBe(200);
    const html = await adminPage.text();
    expect(html).toContain('Personnes');
    expect(html).toContain(adminEmail);

    const again = await browser(gare.url).get(`/bienvenue?jeton=${token}`);
    expect(await again.text()).toContain('déjà été créé');
    const reuse = await browser(gare.url).postForm('/api/first-admin', { token, name: 'Mallory', email: 'mallory@exemple.fr', password: 'je prends la main' });
    expect(pathOf(reuse)).toBe('/bienvenue');
    expect(messageOf(reuse, 'erreur')).toContain('Lien inconnu ou déjà utilisé');
    expect((await people()).map((p) => p.email)).toEqual([adminEmail]);
  });

  it('lets an admin invite a contributeur whose link, shown once, creates a logged-in account', async () => {
    const invited = await admin.postForm('/api/invitations', { _csrf: await adminCsrf(), role: 'contributeur', email: '' });
    expect(invited.status).toBe(303);
    expect(pathOf(invited)).toBe('/admin');
    expect(messageOf(invited, 'ok')).toContain('Invitation créée');

    const shown = await (await admin.get('/admin')).text();
    const url = /value="(http:\/\/[^"]+\/invitation\?jeton=[^"]+)"/.exec(shown)?.[1];
    expect(url).toBeDefined();
    expect(admin.jar.has('gare_lien')).toBe(false);
    expect(await (await admin.get('/admin')).text()).not.toContain('/invitation?jeton=');

    const chloe = browser(gare.url);
    const target = new URL(url!.replaceAll('&amp;', '&'));
    const form = await chloe.get(target.pathname + target.search);
    expect(form.status).toBe(200);
    const token = target.searchParams.get('jeton')!;
    const short = await chloe.postForm('/api/invitations/accept', { token, name: 'Chloé Contrib', email: 'chloe@exemple.fr', password: 'court' });
    expect(pathOf(short)).toBe('/invitation');
    expect(new URL(short.headers.get('location')!, 'http://x').searchParams.get('jeton')).toBe(token);
    expect(messageOf(short, 'erreur')).toContain('Mot de passe trop court');

    const res = await chloe.postForm('/api/invitations/accept', { token, name: 'Chloé Contrib', email: 'chloe@exemple.fr', password: 'le train de 8 h 12' });
    expect(res.status).toBe(303);
    expect(pathOf(res)).toBe('/');
    const home = await (await chloe.get('/')).text();
    expect(home).toContain('Chloé Contrib');
    expect((await people()).find((p) => p.email === 'chloe@exemple.fr')?.role).toBe('contributeur');
  });

  it('answers fetch clients in JSON: an invitation link, then the account with its CSRF token', async () => {
    const csrf = await adminCsrf();
    const res = await admin.postJson('/api/invitations', { role: 'equipe', email: 'eve@exemple.fr' }, { 'x-csrf-token': csrf });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    const token = new URL(url).searchParams.get('jeton')!;
    const wrongEmail = await browser(gare.url).postJson('/api/invitations/accept', { token, name: 'Bob', email: 'bob@exemple.fr', password: 'mot de passe de bob' });
    expect(wrongEmail.status).toBe(400);
    expect(((await wrongEmail.json()) as { error: { code: string } }).error.code).toBe('InvalidInput');

    const eve = browser(gare.url);
    const accepted = await eve.postJson('/api/invitations/accept', { token, name: 'Ève Équipe', email: 'eve@exemple.fr', password: 'mot de passe d’ève' });
    expect(accepted.status).toBe(200);
    const body = (await accepted.json()) as { role: string; csrf: string };
    expect(body.role).toBe('equipe');
    expect(eve.jar.has('gare_session')).toBe(true);
    const out = await eve.postJson('/api/logout-everywhere', {}, { 'x-csrf-token': body.csrf });
    expect(out.status).toBe(200);
  });
});

describe('login and logout', () => {
  it('logs in, goes back to the page asked for (never another site), and logs out', async () => {
    await addPerson('equipe', 'Léo Équipe', 'leo@exemple.fr');
    const leo = browser(gare.url);
    const toAdmin = await leo.get('/admin');
    expect([302, 303]).toContain(toAdmin.status);
    expect(toAdmin.headers.get('location')).toBe('/connexion?retour=/admin');

    const bad = await leo.postForm('/api/login', { email: 'leo@exemple.fr', password: 'pas le bon', retour: '/sommaire' });
    expect(pathOf(bad)).toBe('/connexion');
    expect(messageOf(bad, 'erreur')).toContain('E-mail ou mot de passe incorrect');
    expect(new URL(bad.headers.get('location')!, 'http://x').searchParams.get('retour')).toBe('/sommaire');
    expect(leo.jar.has('gare_session')).toBe(false);

    const ok = await leo.postForm('/api/login', { email: 'LEO@exemple.fr', password: 'un mot de passe solide', retour: '/sommaire' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/sommaire');
    const session = leo.jar.get('gare_session')!;

    for (const evil of ['//evil.example/x', '/\\evil.example', 'https://evil.example']) {
      const again = await browser(gare.url).postForm('/api/login', { email: 'leo@exemple.fr', password: 'un mot de passe solide', retour: evil });
      expect(again.headers.get('location')).toBe('/');
    }

    const out = await leo.postForm('/api/logout', {});
    expect(out.status).toBe(303);
    expect(pathOf(out)).toBe('/connexion');
    expect(leo.jar.has('gare_session')).toBe(false);
    const stale = await fetch(`${gare.url}/api/people`, { headers: { cookie: `gare_session=${session}` } });
    expect(stale.status).toBe(401);
  });

  it('refuses the people page and API in French: 401 for a visitor, 403 for a non-admin', async () => {
    const { email, password } = await addPerson('contributeur', 'Nina Contrib', 'nina@exemple.fr');
    const visitor = await browser(gare.url).get('/api/people');
    expect(visitor.status).toBe(401);
    expect(((await visitor.json()) as { error: { code: string } }).error.code).toBe('Unauthenticated');

    const nina = browser(gare.url);
    await logIn(nina, email, password);
    const page = await nina.get('/admin');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Accès refusé');
    const api = await nina.get('/api/people');
    expect(api.status).toBe(403);
    const err = ((await api.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('Forbidden');
    expect(err.message).toContain('administrateur');
  });
});

describe('attacks', () => {
  it('refuses a login posted from another site and logs nobody in', async () => {
    const res = await fetch(`${gare.url}/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: adminEmail, password: adminPassword }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    const viaFetchSite = await fetch(`${gare.url}/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    expect(viaFetchSite.status).toBe(403);
    expect(viaFetchSite.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a state-changing request without the session’s CSRF token, and changes nothing', async () => {
    const { id } = await addPerson('contributeur', 'Oscar Contrib', 'oscar@exemple.fr');
    const noToken = await admin.postForm(`/api/people/${id}/role`, { role: 'admin' });
    expect(noToken.status).toBe(403);
    const wrong = await admin.postJson(`/api/people/${id}/role`, { role: 'admin' }, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    const foreign = await admin.postForm(`/api/people/${id}/role`, { _csrf: await adminCsrf(), role: 'admin' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await people()).find((p) => p.id === id)?.role).toBe('contributeur');

    const done = await admin.postForm(`/api/people/${id}/role`, { _csrf: await adminCsrf(), role: 'equipe' });
    expect(messageOf(done, 'ok')).toContain('Équipe');
    expect((await people()).find((p) => p.id === id)?.role).toBe('equipe');
  });

  it('answers 429 from the sixth wrong password, even if the sixth is right', async () => {
    const { email, password } = await addPerson('contributeur', 'Paul Contrib', 'paul@exemple.fr');
    const b = browser(gare.url);
    for (let i = 0; i < 5; i++) {
      const res = await b.postJson('/api/login', { email, password: `faux ${i}` });
      expect(res.status).toBe(401);
    }
    const sixth = await b.postJson('/api/login', { email, password });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    const form = await b.postForm('/api/login', { email, password });
    expect(pathOf(form)).toBe('/connexion');
    expect(messageOf(form, 'erreur')).toContain('Trop de tentatives');
    expect(b.jar.has('gare_session')).toBe(false);
  });

  it('never keeps a session cookie planted before login', async () => {
    const mallory = await addPerson('contributeur', 'Mallory', 'mallory@exemple.fr');
    const attacker = browser(gare.url);
    await logIn(attacker, mallory.email, mallory.password);
    const planted = attacker.jar.get('gare_session')!;

    const victim = browser(gare.url);
    victim.jar.set('gare_session', planted);
    const res = await logIn(victim, adminEmail, adminPassword);
    expect(res.status).toBe(303);
    const after = victim.jar.get('gare_session');
    expect(after).toBeDefined();
    expect(after).not.toBe(planted);
    const withPlanted = await fetch(`${gare.url}/api/people`, { headers: { cookie: `gare_session=${planted}` } });
    expect(withPlanted.status).toBe(401);
    expect((await victim.get('/api/people')).status).toBe(200);
  });

  it('stops a deactivated person’s session at once, and gives access back on reactivation', async () => {
    const rita = await addPerson('contributeur', 'Rita Contrib', 'rita@exemple.fr');
    const b = browser(gare.url);
    await logIn(b, rita.email, rita.password);
    expect(await (await b.get('/')).text()).toContain('Rita Contrib');

    const off = await admin.postForm(`/api/people/${rita.id}/deactivate`, { _csrf: await adminCsrf() });
    expect(messageOf(off, 'ok')).toContain('désactivé');
    expect(await (await b.get('/')).text()).not.toContain('Rita Contrib');
    expect((await b.get('/api/people')).status).toBe(401);
    const refused = await logIn(browser(gare.url), rita.email, rita.password);
    expect(messageOf(refused, 'erreur')).toContain('désactivé');

    await admin.postForm(`/api/people/${rita.id}/reactivate`, { _csrf: await adminCsrf() });
    expect((await logIn(browser(gare.url), rita.email, rita.password)).headers.get('location')).toBe('/');
  });
});

describe('admin tools', () => {
  it('creates a reset link whose new password replaces the old one and ends open sessions', async () => {
    const sam = await addPerson('contributeur', 'Sam Contrib', 'sam@exemple.fr');
    const open = browser(gare.url);
    await logIn(open, sam.email, sam.password);
    const res = await admin.postJson(`/api/people/${sam.id}/reset-link`, {}, { 'x-csrf-token': await adminCsrf() });
    const { url } = (await res.json()) as { url: string };
    expect(url).toContain('/reinitialiser?jeton=');
    const token = new URL(url).searchParams.get('jeton')!;
    expect((await browser(gare.url).get(`/reinitialiser?jeton=${token}`)).status).toBe(200);

    const reset = await browser(gare.url).postForm('/api/password-reset', { token, password: 'un tout nouveau mot de passe' });
    expect(pathOf(reset)).toBe('/connexion');
    expect(messageOf(reset, 'ok')).toContain('Mot de passe changé');
    expect((await open.get('/api/people')).status).toBe(401);
    expect(messageOf(await logIn(browser(gare.url), sam.email, sam.password), 'erreur')).toContain('incorrect');
    expect((await logIn(browser(gare.url), sam.email, 'un tout nouveau mot de passe')).headers.get('location')).toBe('/');
    const reused = await browser(gare.url).postForm('/api/password-reset', { token, password: 'encore un autre mot de passe' });
    expect(messageOf(reused, 'erreur')).toContain('Lien inconnu');
  });

  it('logs someone out of every device, and refuses to demote the last admin', async () => {
    const tom = await addPerson('equipe', 'Tom Équipe', 'tom@exemple.fr');
    const laptop = browser(gare.url);
    const phone = browser(gare.url);
    await logIn(laptop, tom.email, tom.password);
    await logIn(phone, tom.email, tom.password);
    const res = await admin.postForm(`/api/people/${tom.id}/logout-everywhere`, { _csrf: await adminCsrf() });
    expect(messageOf(res, 'ok')).toContain('2 sessions');
    expect(await (await laptop.get('/')).text()).not.toContain('Tom Équipe');
    expect(await (await phone.get('/')).text()).not.toContain('Tom Équipe');

    const me = (await people()).find((p) => p.email === adminEmail)!;
    const demote = await admin.postForm(`/api/people/${me.id}/role`, { _csrf: await adminCsrf(), role: 'equipe' });
    expect(pathOf(demote)).toBe('/admin');
    expect(messageOf(demote, 'erreur')).toContain('dernier compte administrateur');
  });
});
