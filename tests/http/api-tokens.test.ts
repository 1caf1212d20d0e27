import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { createHubClient } from '../helpers/hub-client.ts';

let gare: TestHub;
let team: TestSession;
let admin: TestSession;
const { postJson, postForm, get } = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  admin = await signIn(gare.hub, 'admin');
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
});
afterAll(() => gare?.stop());

/** A token made through the API with the person's session (JSON answer). */
async function newToken(who: TestSession, scope: 'read' | 'write', name = `Outil ${scope}`): Promise<{ token: string; id: string }> {
  const res = await postJson('/api/account/tokens', { name, scope }, who);
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; id: string };
}

/** A request as a script sends it: the token, no cookie, no Origin, no CSRF token. */
function bearer(token: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  return fetch(gare.url + path, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } });
}

const git = (...args: string[]) => execFileSync('git', ['-C', gare.hub.config.contentDir, ...args], { encoding: 'utf8' });

/** Saves the sample's team page `path` with a new body through the API, as `token`. */
async function saveWith(token: string, path: string, body: string): Promise<Response> {
  const page = (await (await bearer(token, `/api/pages/${path.slice(0, -3)}`)).json()) as { title: string; type: string; tags: string[]; visibility: string; version: string };
  return bearer(token, '/api/pages/save', { path, title: page.title, type: page.type, tags: page.tags, visibility: page.visibility, body, baseVersion: page.version });
}

const teamPage = 'accompagnements/awa-sene.md';

describe('personal access tokens on the HTTP API', () => {
  it('a write token saves a page through the API with no cookie, Origin or CSRF token, credited to its owner', async () => {
    const { token } = await newToken(team, 'write');
    const res = await saveWith(token, teamPage, 'Texte enregistré par un script.\n');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { changed: boolean }).changed).toBe(true);
    expect(git('show', `HEAD:${teamPage}`)).toContain('Texte enregistré par un script.');
    expect(git('log', '-1', '--format=%an')).toBe('Samia Benali\n');
  });

  it('a write token creates a pad and publishes it', async () => {
    const { token } = await newToken(team, 'write', 'Robot des pads');
    const created = await bearer(token, '/api/pads', { title: 'Pad du robot', template: 'vide' });
    expect(created.status).toBe(201);
    const { name } = (await created.json()) as { name: string };
    const published = await bearer(token, `/api/pads/${encodeURIComponent(name)}/publish`, { tags: ['robot'] });
    expect(published.status).toBe(200);
    const result = (await published.json()) as { path: string; created: boolean };
    expect(result.created).toBe(true);
    expect(git('log', '-1', '--format=%an', '--', result.path)).toBe('Samia Benali\n');
  });

  it('a write token comments on a page and replies, as its owner, and uploads an attachment', async () => {
    const { token } = await newToken(team, 'write', 'Robot des discussions');
    const started = await bearer(token, '/api/comments', { kind: 'page', target: teamPage, body: 'Relu par le robot.' });
    expect(started.status).toBe(201);
    const { thread } = (await started.json()) as { thread: { id: string; comments: { authorName: string; body: string }[] } };
    expect(thread.comments[0]).toMatchObject({ authorName: 'Samia Benali', body: 'Relu par le robot.' });
    const replied = await bearer(token, `/api/comments/${thread.id}/replies`, { body: 'Et complété.' });
    expect(replied.status).toBe(200);
    expect(((await replied.json()) as { thread: { comments: unknown[] } }).thread.comments).toHaveLength(2);
    // An upload reads its own body: the token is checked before, as for any other write.
    const upload = await fetch(`${gare.url}/api/attachments?page=${encodeURIComponent(teamPage)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-filename': 'releve.txt', 'content-type': 'application/octet-stream' },
      body: new TextEncoder().encode('Relevé du robot.\n'),
    });
    expect(upload.status).toBe(200);
  });

  it('a read token reads what its owner reads, and every write is refused with a French 403', async () => {
    const { token } = await newToken(team, 'read');
    const page = await bearer(token, `/api/pages/${teamPage.slice(0, -3)}`);
    expect(page.status).toBe(200);
    const before = git('rev-parse', 'HEAD');
    const res = await saveWith(token, teamPage, 'Ne doit pas passer.\n');
    expect(res.status).toBe(403);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('Forbidden');
    expect(error.message).toContain('lecture seule');
    expect((await bearer(token, '/api/pads', { title: 'Refusé' })).status).toBe(403);
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  it('a revoked token gets 401 JSON with WWW-Authenticate, never the visitor’s answer', async () => {
    const { token, id } = await newToken(team, 'read', 'Bientôt révoqué');
    expect((await bearer(token, '/api/pages')).status).toBe(200);
    expect((await postJson(`/api/account/tokens/${id}/revoke`, {}, team)).status).toBe(200);
    for (const path of ['/api/pages', '/api/health', '/wiki/accueil/bienvenue']) {
      const res = await bearer(token, path);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('InvalidApiToken');
    }
    expect((await bearer('gare_inconnu', '/api/pages')).status).toBe(401);
  });

  it('a deactivated person’s token stops working, and works again as they are when reactivated', async () => {
    const carol = await signIn(gare.hub, 'equipe', 'Carol Martin');
    const { token } = await newToken(carol, 'write');
    expect((await bearer(token, '/api/pages')).status).toBe(200);
    await gare.hub.accounts.deactivate({ userId: carol.id, by: admin.id });
    expect((await bearer(token, '/api/pages')).status).toBe(401);
    await gare.hub.accounts.reactivate({ userId: carol.id, by: admin.id });
    expect((await bearer(token, '/api/pages')).status).toBe(200);
  });

  it('an admin’s read token is not an admin: the people list is refused; a write token is', async () => {
    const read = await newToken(admin, 'read');
    const write = await newToken(admin, 'write');
    expect((await bearer(read.token, '/api/people')).status).toBe(403);
    expect((await bearer(write.token, '/api/people')).status).toBe(200);
  });

  it('a token cannot manage tokens, the calendar link, e-mail settings or sessions; a visitor is asked to log in', async () => {
    const { token, id } = await newToken(team, 'write');
    expect((await bearer(token, '/api/account/tokens')).status).toBe(403);
    expect((await bearer(token, '/api/account/tokens', { name: 'Enfant', scope: 'write' })).status).toBe(403);
    expect((await bearer(token, `/api/account/tokens/${id}/revoke`, {})).status).toBe(403);
    // Nor any other key of the account: a revoked token must leave no calendar link or session change behind.
    for (const door of ['/api/compte/calendrier', '/api/compte/calendrier/revocation', '/api/account/email', '/api/logout-everywhere', '/api/logout']) {
      const res = await bearer(token, door, {});
      expect(res.status, door).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Mon compte');
    }
    expect((await postJson('/api/account/tokens', { name: 'x', scope: 'read' })).status).toBe(403);
    expect((await get('/api/account/tokens')).status).toBe(401);
  });

  it('the /compte form creates a token shown once, lists it without its secret, and revokes it', async () => {
    const created = await postForm('/api/account/tokens', { name: 'Tableur du bilan', scope: 'read' }, team);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toMatch(/^\/compte\?ok=.*#jetons$/);
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith('gare_jeton_api='));
    expect(cookie).toMatch(/Path=\/compte; HttpOnly; SameSite=Strict/);
    const token = /gare_jeton_api=([^;]+)/.exec(cookie ?? '')?.[1] ?? '';
    const first = await fetch(gare.url + '/compte', { headers: { cookie: `${team.cookie}; gare_jeton_api=${token}` } });
    const html = await first.text();
    expect(html).toContain(token);
    expect(html).toContain('Tableur du bilan');
    expect(first.headers.getSetCookie().some((c) => c.startsWith('gare_jeton_api=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(true);
    const again = await (await get('/compte', team)).text();
    expect(again).toContain('Tableur du bilan');
    expect(again).not.toContain(token);
    expect((await bearer(token, '/api/pages')).status).toBe(200);
    const listed = (await (await get('/api/account/tokens', team)).json()) as { tokens: { id: string; name: string }[] };
    const id = listed.tokens.find((t) => t.name === 'Tableur du bilan')?.id ?? '';
    const revoked = await postForm(`/api/account/tokens/${id}/revoke`, {}, team);
    expect(revoked.status).toBe(303);
    expect((await bearer(token, '/api/pages')).status).toBe(401);
  });
});
