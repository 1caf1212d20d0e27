/** Unknown addresses: a person gets the French 404 page everywhere, a program gets JSON under /api/ only. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
beforeAll(async () => {
  gare = await startTestHub();
}, 60_000);
afterAll(() => gare?.stop());

/** GET with the raw path as written (fetch would resolve `..` before sending it). */
function getRaw(rawPath: string, accept: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(gare.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath, headers: { accept } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      })
      .on('error', reject);
  });
}

const html = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

describe('an unknown address', () => {
  it.each(['/nimportequoi', '/wiki/../x', '/fichiers/ressources/absente.fichiers/rien.pdf', '/rien/du/tout.html'])('answers %s with the French 404 page', async (p) => {
    const res = await getRaw(p, html);
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/^text\/html;\s*charset=utf-8$/i);
    expect(res.body).toContain('lang="fr"');
    expect(res.body).toContain('Page introuvable');
    expect(res.body).not.toContain('"error"');
  });

  it('answers an unknown API address with JSON, even to a browser', async () => {
    const res = await getRaw('/api/nimportequoi', html);
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/^application\/json/);
    expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('NotFound');
  });
});
