/**
 * Single sign-on against a real OpenID provider on loopback: accounts from claims, and every
 * refused login (wrong audience, expired code, replayed or forged state, provider down) lands on
 * the login page with a French message and no session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, messageOf, type Browser } from '../http/auth-helpers.ts';
import { hubClient, startSsoHub, startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import type { TestHub } from '../helpers/start-hub.ts';
import { groupKey } from '../../server/access/groups.ts';

let provider: TestProvider;
let gare: TestHub;

beforeAll(async () => {
  provider = await startTestProvider();
  gare = await startSsoHub({
    issuer: provider.issuer,
    env: {
      GARE_OIDC_SCOPES: 'openid email profile given_name usual_name uid siret groups roles',
      GARE_OIDC_LABEL: 'ProConnect',
      GARE_OIDC_ROLE_CLAIM: 'roles',
      GARE_OIDC_ROLES: 'admin:gare-admin,equipe:gare-equipe',
      GARE_OIDC_GROUPS_CLAIM: 'groups',
    },
  });
  // ProConnect answers userinfo as a signed JWT: this client asks for the same.
  provider.addClient(hubClient(gare.url, { userinfo_signed_response_alg: 'RS256' }));
});

afterAll(async () => {
  await gare?.stop();
  await provider?.stop();
});

/** Starts a login at the hub and passes the provider's form; returns the callback path the provider sent back to. */
async function throughProvider(b: Browser, login: string): Promise<string> {
  const start = await b.get('/api/sso/login');
  expect(start.status).toBe(302);
  const callback = await provider.authorize(start.headers.get('location') ?? '', login);
  expect(callback.pathname).toBe('/api/sso/callback');
  return callback.pathname + callback.search;
}

async function session(b: Browser) {
  const id = b.jar.get('gare_session');
  return id === undefined ? undefined : gare.hub.accounts.getSession(id);
}

describe('single sign-on with OpenID Connect', () => {
  it('creates the account at the first login from ProConnect-style claims, with the default role', async () => {
    const b = browser(gare.url);
    const res = await b.get(await throughProvider(b, 'camille'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const s = await session(b);
    expect(s?.person).toMatchObject({ name: 'Camille Durand', email: 'camille.durand@mairie.example' });
    expect(s?.role).toBe('contributeur');
    expect(s?.groups).toEqual([]);
    expect(await gare.hub.accounts.sessionIdToken(b.jar.get('gare_session') ?? '')).toMatch(/^ey/);
    // The hub's own pages now see the person.
    const home = await b.get('/');
    expect(await home.text()).toContain('Camille Durand');
  });

  it('gives the role of the role claim and the groups of the groups claim, and logs the same account in again', async () => {
    const first = browser(gare.url);
    await first.get(await throughProvider(first, 'sami'));
    expect((await session(first))?.role).toBe('equipe');
    // Keycloak-style full paths (`/Accompagnement`) become groups, created on the fly.
    expect((await session(first))?.groups).toEqual([groupKey('Accompagnement'), groupKey('Direction des sports')].sort());
    const again = browser(gare.url);
    await again.get(await throughProvider(again, 'sami'));
    expect((await session(again))?.person.id).toBe((await session(first))?.person.id);
    expect((await gare.hub.accounts.listPeople()).filter((p) => p.email === 'sami.benali@mairie.example')).toHaveLength(1);
  });

  it('refuses an ID token made for another client (wrong audience)', async () => {
    const b = browser(gare.url);
    const callback = await throughProvider(b, 'camille');
    provider.tamperNextIdToken((claims) => ({ ...claims, aud: 'un-autre-client' }));
    const res = await b.get(callback);
    expect(res.status).toBe(303);
    expect(messageOf(res, 'erreur')).toContain('n’a pas pu être vérifiée');
    expect(b.jar.has('gare_session')).toBe(false);
  });

  it('refuses an expired authorization code', async () => {
    const b = browser(gare.url);
    const callback = await throughProvider(b, 'camille');
    provider.expireAuthorizationCodes();
    const res = await b.get(callback);
    expect(messageOf(res, 'erreur')).toContain('expiré');
    expect(b.jar.has('gare_session')).toBe(false);
  });

  it('refuses a replayed callback, even with its cookie', async () => {
    const b = browser(gare.url);
    const callback = await throughProvider(b, 'camille');
    const flowCookie = b.jar.get('gare_sso') ?? '';
    await b.get(callback);
    expect(b.jar.has('gare_session')).toBe(true);
    const replay = browser(gare.url);
    replay.jar.set('gare_sso', flowCookie);
    const res = await replay.get(callback);
    expect(messageOf(res, 'erreur')).toContain('a déjà servi');
    expect(replay.jar.has('gare_session')).toBe(false);
  });

  it('refuses a callback whose state is not the one sent', async () => {
    const b = browser(gare.url);
    const callback = new URL(await throughProvider(b, 'camille'), gare.url);
    callback.searchParams.set('state', 'un-etat-fabrique');
    const res = await b.get(callback.pathname + callback.search);
    expect(messageOf(res, 'erreur')).toContain('Recommencez');
    expect(b.jar.has('gare_session')).toBe(false);
  });

  it('refuses a callback without the browser that started the login', async () => {
    const b = browser(gare.url);
    const callback = await throughProvider(b, 'camille');
    const res = await browser(gare.url).get(callback);
    expect(messageOf(res, 'erreur')).toContain('expiré ou a déjà servi');
  });

  it('says so when the person cancels at the provider', async () => {
    const b = browser(gare.url);
    const start = await b.get('/api/sso/login');
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const res = await b.get(`/api/sso/callback?${new URLSearchParams({ error: 'access_denied', state, iss: provider.issuer }).toString()}`);
    expect(messageOf(res, 'erreur')).toBe('La connexion a été annulée ou refusée. Recommencez avec le bouton « Se connecter avec ProConnect ».');
    expect(b.jar.has('gare_session')).toBe(false);
  });

  it('refuses a deactivated account', async () => {
    const b = browser(gare.url);
    await b.get(await throughProvider(b, 'sami'));
    const sami = (await gare.hub.accounts.listPeople()).find((p) => p.email === 'sami.benali@mairie.example');
    const admin = await gare.hub.accounts.createFirstAdminToken();
    const boss = await gare.hub.accounts.acceptInvitation({ token: admin ?? '', name: 'Alice Admin', email: 'alice@mairie.example', password: 'correct horse battery' });
    await gare.hub.accounts.deactivate({ userId: sami?.id ?? '', by: boss.person.id });
    const again = browser(gare.url);
    const res = await again.get(await throughProvider(again, 'sami'));
    expect(messageOf(res, 'erreur')).toContain('désactivé');
    expect(again.jar.has('gare_session')).toBe(false);
    await gare.hub.accounts.reactivate({ userId: sami?.id ?? '', by: boss.person.id });
  });

  it('ends the provider session at logout (id_token_hint and the return address)', async () => {
    const b = browser(gare.url);
    await b.get(await throughProvider(b, 'camille'));
    const res = await b.postJson('/api/logout', {});
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string };
    const url = new URL(endSessionUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${gare.url}/api/sso/logged-out`);
    expect(b.jar.has('gare_session')).toBe(false);
  });
});

describe('single sign-on when the provider is down', () => {
  it('sends the person back to the login page with what to do', async () => {
    const down = await startTestProvider();
    await down.stop();
    const hub = await startSsoHub({ issuer: down.issuer, env: { GARE_OIDC_LABEL: 'Keycloak' } });
    try {
      const res = await browser(hub.url).get('/api/sso/login');
      expect(res.status).toBe(303);
      expect(messageOf(res, 'erreur')).toBe('Keycloak ne répond pas pour le moment. Réessayez dans quelques minutes ; si cela dure, prévenez un·e administrateur·ice.');
    } finally {
      await hub.stop();
    }
  });
});
