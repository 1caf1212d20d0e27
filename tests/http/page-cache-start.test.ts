/**
 * Visitors' kept pages across the hub's start: a page kept before the search is built is still
 * served from memory once it is (only `/recherche` answers show the search), and is sent with one
 * stored head, security headers included, without a render.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import { createVisitorPageCache, type VisitorPageCacheOptions } from '../../server/http/page-cache-http.ts';
import { setSecurityHeaders } from '../../server/http/security-headers.ts';

let searchBuilt: () => void = () => undefined;
const hub = {
  index: { version: 1 },
  history: { head: () => 'abc' },
  historyReady: Promise.resolve(),
  events: { on: () => undefined },
  search: { ready: new Promise<void>((resolve) => (searchBuilt = resolve)), indexer: { stats: () => ({ audiences: { public: {} } }) } },
  forViewer: () => ({}),
  pads: { hasPublicPads: async () => false },
} as unknown as VisitorPageCacheOptions['hub'];

let server: http.Server;
let base = '';
let renders = 0;

beforeAll(async () => {
  const cache = createVisitorPageCache({ hub });
  server = http.createServer((req, res) => {
    void (async () => {
      const slot = await cache.open(req, res, new URL(req.url ?? '/', 'http://localhost'));
      if (slot?.served) return;
      setSecurityHeaders(res);
      slot?.record(anonymous);
      renders += 1;
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<p>rendu ${renders}</p>`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The history's settling empties the store once (pages show authors): after it, pages are kept.
  await new Promise((resolve) => setImmediate(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a visitor’s kept page at start', () => {
  it('stays kept when the search goes live', async () => {
    const first = await fetch(`${base}/wiki/accueil`).then((r) => r.text());
    expect(await fetch(`${base}/wiki/accueil`).then((r) => r.text())).toBe(first);
    expect(renders).toBe(1);
    searchBuilt();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await fetch(`${base}/wiki/accueil`).then((r) => r.text())).toBe(first);
    expect(renders).toBe(1);
  });

  it('is sent with the security headers and its charset, as rendered', async () => {
    const res = await fetch(`${base}/wiki/accueil`);
    await res.text();
    expect(renders).toBe(1);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength('<p>rendu 1</p>'));
  });
});
