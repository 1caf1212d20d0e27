/**
 * Visitors' pages served whole from memory: the same HTML again without a render, a new one as
 * soon as anything it shows changes, and never across the line between visitors and members.
 * Astro's handler is wrapped to count its renders (the hook the test watches).
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestHandler, type AstroHandler } from '../../server/http/app.ts';
import { createApiRoutes } from '../../server/http/api/routes.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';

let gare: TestHub;
let server: http.Server;
let base = '';
let member: TestSession;
/** Addresses Astro rendered, in order. */
const renders: string[] = [];
/** Addresses whose render also sets a cookie (as a login page would). */
const withCookie = new Set<string>();

beforeAll(async () => {
  gare = await startTestHub();
  member = await signIn(gare.hub, 'equipe', 'Camille Membre');
  // Search answers are kept only once the search is built.
  await gare.hub.search.ready;
  const entry = pathToFileURL(path.join(root, 'dist', 'server', 'entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: AstroHandler };
  const counted: AstroHandler = (req, res, next, locals) => {
    renders.push(req.url ?? '');
    if (withCookie.has(req.url ?? '')) res.setHeader('Set-Cookie', 'essai=1; Path=/');
    return handler(req, res, next, locals);
  };
  const onRequest = createRequestHandler({ hub: gare.hub, astro: counted, clientDir: path.join(root, 'dist', 'client'), routes: createApiRoutes(), resolveViewer: (req) => gare.hub.resolveViewer(req) });
  server = http.createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await gare?.stop();
});

/** GETs a page; returns status, body, headers and how many renders it took. */
async function visit(p: string, headers: Record<string, string> = {}, method = 'GET') {
  const before = renders.length;
  const res = await fetch(base + p, { headers, method, redirect: 'manual' });
  const body = await res.text();
  return { status: res.status, body, headers: res.headers, rendered: renders.length - before };
}

const page = '/wiki/accueil/bienvenue';

describe('a visitor’s page', () => {
  it('is the same HTML the second time, without a second render', async () => {
    const first = await visit(page);
    const second = await visit(page);
    expect(first.status).toBe(200);
    expect(first.rendered).toBe(1);
    expect(second.rendered).toBe(0);
    expect(second.body).toBe(first.body);
    expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(second.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(second.headers.get('etag')).toMatch(/^".+"$/);
  });

  it('serves the home portal, the lists and a search from memory too', async () => {
    for (const p of ['/', '/sommaire', '/tags', '/registre', '/modifications', '/recherche?q=atelier']) {
      const first = await visit(p);
      expect(first.status, p).toBe(200);
      const second = await visit(p);
      expect(second.rendered, p).toBe(0);
      expect(second.body, p).toBe(first.body);
    }
  });

  it('holds nothing of one request: a fresh render is the same bytes as the kept page', async () => {
    // A cookie of ours that is no session makes a visitor the cache does not answer: Astro renders again.
    for (const p of [page, '/', '/sommaire', '/tags', '/registre', '/recherche?q=atelier', '/aide']) {
      const kept = await visit(p);
      const fresh = await visit(p, { cookie: 'gare_autre=1' });
      expect(fresh.rendered, p).toBe(1);
      expect(fresh.body, p).toBe(kept.body);
    }
  });

  it('answers 304 to a browser that holds this version, and HEAD with the headers alone', async () => {
    const full = await visit(page);
    const etag = full.headers.get('etag') ?? '';
    const again = await visit(page, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const head = await visit(page, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(full.body));
    expect(head.rendered).toBe(0);
  });

  it('shows a commit’s new text at once', async () => {
    await visit(page);
    const file = path.join(gare.hub.config.contentDir, 'accueil', 'bienvenue.md');
    const { readFile } = await import('node:fs/promises');
    await writeFile(file, (await readFile(file, 'utf8')) + '\nUne phrase toute neuve : trilobite azuré.\n');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@exemple.org', ...args], { cwd: gare.hub.config.contentDir });
    git('commit', '-qam', 'Phrase ajoutée au terminal');
    await gare.hub.sync();
    const after = await visit(page);
    expect(after.rendered).toBe(1);
    expect(after.body).toContain('trilobite azuré');
  });

  it('shows a comment written by a member at once', async () => {
    await visit(page);
    const res = await fetch(`${base}/api/comments`, {
      method: 'POST',
      headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'page', target: 'accueil/bienvenue.md', body: 'Un commentaire de pangolin.' }),
    });
    expect(res.status).toBeLessThan(400);
    const after = await visit(page);
    expect(after.rendered).toBe(1);
    expect(after.body).toContain('Un commentaire de pangolin.');
  });

  it('is never kept when its response sets a cookie', async () => {
    const p = '/wiki/ressources/animer-un-atelier';
    withCookie.add(p);
    expect((await visit(p)).rendered).toBe(1);
    expect((await visit(p)).rendered).toBe(1);
    withCookie.delete(p);
  });
});

describe('between visitors and members', () => {
  it('never gives a member the visitor’s page, nor a visitor the member’s', async () => {
    const visitor = await visit('/');
    await visit('/');
    const own = await visit('/', { cookie: member.cookie });
    expect(own.rendered).toBe(1);
    expect(own.body).toContain('Bonjour Camille');
    expect(own.body).toContain('Se déconnecter');
    const again = await visit('/', { cookie: member.cookie });
    expect(again.rendered).toBe(1);
    const visitorAgain = await visit('/');
    expect(visitorAgain.rendered).toBe(0);
    expect(visitorAgain.body).toBe(visitor.body);
    expect(visitorAgain.body).not.toContain('Camille');
    expect(visitorAgain.body).toContain('Se connecter');
  });

  it('renders every time a team page a visitor may not read: the same 404 as a missing page', async () => {
    const team = '/wiki/accompagnements/awa-sene';
    const first = await visit(team);
    const second = await visit(team);
    expect([first.status, second.status]).toEqual([404, 404]);
    expect([first.rendered, second.rendered]).toEqual([1, 1]);
    expect(second.body).toBe(first.body);
    expect(second.body).not.toContain('Awa Sène');
    expect((await visit(team, { cookie: member.cookie })).status).toBe(200);
    expect((await visit(team)).status).toBe(404);
  });
});

// Last: the new pad is stored a moment later, which rightly makes the home portal anew.
describe('the home portal', () => {
  it('shows a public pad opened by a member at once', async () => {
    expect((await visit('/')).body).not.toContain('Atelier des hérissons');
    const res = await fetch(`${base}/api/pads`, {
      method: 'POST',
      headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Atelier des hérissons', template: 'atelier', visibility: 'public' }),
    });
    expect(res.status).toBeLessThan(400);
    const after = await visit('/');
    expect(after.rendered).toBe(1);
    expect(after.body).toContain('Atelier des hérissons');
  });
});
