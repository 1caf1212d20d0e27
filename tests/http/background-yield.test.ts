/**
 * The hub's background work yields to visitors: the request handler counts every request in
 * flight in the hub's idle-work scheduler (a request held open by a half-sent body stays counted),
 * and the render warm-up waits for a turn before each render, most linked-to pages first.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience } from '../../server/access/policy.ts';
import type { RenderedMarkdown } from '../../server/markdown/render-markdown.ts';
import { warmRenders } from '../../server/reading/render-cache-warmup.ts';
import type { Page } from '../../server/wiki/page.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
beforeAll(async () => {
  gare = await startTestHub();
}, 60_000);
afterAll(async () => {
  await gare?.stop();
});

const waitFor = async (test: () => boolean) => {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('requests counted by the hub', () => {
  it('counts a request in flight from its headers to the end of its response', async () => {
    const { port } = gare.server.address() as AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const body = '{"a":1}';
    // The handler waits for the whole body: the request stays in flight until the rest is sent.
    socket.write(`POST /api/logout HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n{"a"`);
    await waitFor(() => gare.hub.idleWork.inFlight() === 1);
    const slices = gare.hub.idleWork.slices();
    socket.end(body.slice(4));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 \d{3}/);
    await waitFor(() => gare.hub.idleWork.inFlight() === 0);
    // Once no visitor waits, a background job gets its turn.
    await gare.hub.idleWork.turn();
    expect(gare.hub.idleWork.slices()).toBeGreaterThan(slices);
  });
});

/** Pages enough for warmRenders: a path, public or team, nothing else read. */
const pageOf = (path: string, visibility: 'public' | 'equipe' = 'public') => ({ path, meta: { visibility, groups: [] } }) as unknown as Page;
const rendered: RenderedMarkdown = { html: '', headings: [], links: [], problems: [] };

describe('the render warm-up', () => {
  it('renders the most linked-to pages first, for the public then the team', async () => {
    const pages = [pageOf('a.md'), pageOf('b.md'), pageOf('c.md', 'equipe'), pageOf('d.md')];
    const links: Record<string, number> = { 'a.md': 0, 'b.md': 5, 'c.md': 9, 'd.md': 2 };
    const order: string[] = [];
    await warmRenders({
      pages: () => pages,
      render: async (page: Page, audience: Audience) => (order.push(`${audience.base}:${page.path}`), rendered),
      signal: new AbortController().signal,
      rank: (page) => links[page.path] ?? 0,
    });
    expect(order).toEqual(['public:b.md', 'public:d.md', 'public:a.md', 'equipe:c.md', 'equipe:b.md', 'equipe:d.md', 'equipe:a.md']);
  });

  it('starts each render only on a turn given by the scheduler', async () => {
    const pages = [pageOf('a.md'), pageOf('b.md'), pageOf('c.md')];
    const turns: Array<() => void> = [];
    let renders = 0;
    const warming = warmRenders({
      pages: () => pages,
      render: async () => (renders++, rendered),
      signal: new AbortController().signal,
      turn: () => new Promise<void>((resolve) => turns.push(resolve)),
    });
    await waitFor(() => turns.length === 1);
    expect(renders).toBe(0);
    turns.shift()?.();
    await waitFor(() => turns.length === 1);
    expect(renders).toBe(1);
    while (renders < 6) {
      await waitFor(() => turns.length === 1);
      turns.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await warming).toBe(6);
  });

  it('gives a visitor’s render to the pool ahead of the warm-up’s', async () => {
    const { createRenderPool } = await import('../../server/markdown/render-pool.ts');
    const pool = createRenderPool({ size: 1 });
    try {
      const done: string[] = [];
      const low = Array.from({ length: 4 }, (_, i) => pool.render({ source: `# Fond ${i}`, priority: 'low' }).then(() => void done.push(`fond ${i}`)));
      const visitor = pool.render({ source: '# Visiteur' }).then(() => void done.push('visiteur'));
      await Promise.all([...low, visitor]);
      // At most the render already running when the visitor asked goes before it.
      expect(done.indexOf('visiteur')).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });
});


