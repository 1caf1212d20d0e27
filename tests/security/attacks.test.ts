/** Hostile requests: climbing out of served folders, scripts in Markdown, huge bodies, garbage on a pad. */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let contentDir: string;
let team: TestSession;

const trap = `---
title: Page piégée
type: ressource
visibility: public
---

Texte avant.

<script>alert('piege-script')</script>
<img src="x.png" onerror="alert('piege-onerror')">
<iframe src="https://exemple.invalid/piege-iframe"></iframe>
<style>body { display: none }</style>
<a href="JaVaScRiPt:alert('piege-a')">lien piégé</a>
<svg onload="alert('piege-svg')"><circle r="1"/></svg>
<div style="background: url(javascript:alert('piege-style'))">stylé</div>
<form action="javascript:alert('piege-form')"><button formaction="javascript:alert(1)">Envoyer</button></form>

[clic](javascript:alert('piege-md')) et [[Titre <img src=x onerror=alert('piege-wiki')>]]

Texte après.
`;

beforeAll(async () => {
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'gare-attacks-'));
  await cp(path.join(root, 'content'), contentDir, { recursive: true });
  await writeFile(path.join(contentDir, 'ressources', 'page-piegee.md'), trap);
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Tess', '-c', 'user.email=tess@exemple.org', ...args], { cwd: contentDir, env });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Wiki d’exemple et une page piégée');
  gare = await startTestHub({ contentDir });
  team = await signIn(gare.hub, 'equipe');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  await rm(contentDir, { recursive: true, force: true });
});

/** A GET with the path sent exactly as written (fetch would resolve the `..` itself). */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(gare.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a path that climbs out of a served folder', () => {
  const attempts = [
    '/wiki/..%2F..%2Fetc%2Fpasswd', '/wiki/../../etc/passwd', '/wiki/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/fichiers/../../.git/config', '/fichiers/..%2F..%2F.git%2Fconfig', '/fichiers/%2e%2e/.git/config', '/fichiers/.git/config',
    '/fichiers/ressources/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/pagefind/public/../../accounts.sqlite', '/pagefind/public/..%2F..%2Faccounts.sqlite', '/pagefind/public/%2e%2e/%2e%2e/accounts.sqlite',
    '/pagefind/..%2Faccounts.sqlite', '/pagefind/equipe/..%2F..%2Faccounts.sqlite',
    '/_astro/../../server/main.ts', '/_astro/..%2F..%2Fserver%2Fmain.ts', '/_astro/%2e%2e/%2e%2e/package.json', '/..%2Fpackage.json',
    '/favicon.svg/..%2F..%2F..%2Fpackage.json',
  ];
  it.each(attempts)('%s answers 404 without any file content', async (attempt) => {
    const res = await rawGet(attempt);
    expect([400, 404]).toContain(res.status);
    for (const secret of ['root:x:0', '[core]', 'SQLite format', 'createHub', '"gare-centrale"', 'repositoryformatversion']) expect(res.body).not.toContain(secret);
  });
});

describe('a page with scripts written in its Markdown', () => {
  it('is shown with its text but without any script, handler, frame, style or javascript: link', async () => {
    const res = await fetch(`${gare.url}/wiki/ressources/page-piegee`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(article).toContain('Texte avant.');
    expect(article).toContain('Texte après.');
    // Words may stay as text; what matters is that no tag or attribute can run or restyle anything.
    const tags = article.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(3);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(script|iframe|style|svg|form|button|object|embed|img src="x)/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=|\sstyle\s*=|javascript:/i);
    }
    // The page's only scripts are the site's own bundles; none is inline.
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/src="\/_astro\//);
    expect(html).not.toMatch(/<iframe|piege-iframe/i);
  });
});

describe('an oversized body', () => {
  it('is refused with 413 and a French message, and the hub keeps answering', async () => {
    const { hostname, port } = new URL(gare.url);
    const body = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) });
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({
        host: hostname, port, path: '/api/pads', method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      // The server may close while the body is still being sent: only its answer matters.
      req.on('error', (error) => reject(error));
      req.end(body);
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('trop volumineux');
    const health = await fetch(`${gare.url}/api/health`);
    expect(health.status).toBe(200);
  });
});

describe('a garbage message on a pad', () => {
  it('closes only the connection that sent it', async () => {
    const created = await fetch(`${gare.url}/api/pads`, {
      method: 'POST',
      headers: { cookie: team.cookie, 'x-csrf-token': team.csrf, origin: gare.url, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Pad des attaques' }),
    });
    const { name } = (await created.json()) as { name: string };
    const open = async () => {
      const ws = new WebSocket(`${gare.url.replace('http', 'ws')}/yjs/${name}`, { headers: { cookie: team.cookie, origin: gare.url } });
      const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
      await first;
      return ws;
    };
    const [bad, good] = [await open(), await open()];
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02]));
    expect(await closed).toBeGreaterThanOrEqual(1000);
    expect(good.readyState).toBe(WebSocket.OPEN);
    const third = await open();
    expect(third.readyState).toBe(WebSocket.OPEN);
    good.close();
    third.close();
  });
});
