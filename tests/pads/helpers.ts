/** Test helpers: a real HTTP server on port 0 with the pad server, and real y-websocket clients. */
import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Forbidden, Unauthenticated } from '../../server/errors.ts';
import { createPadServer, PAD_TEXT, type PadHooks, type PadServerOptions } from '../../server/pads/pad-server.ts';

/** A fresh temporary data directory. */
export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'gare-pads-'));

/**
 * Test authentication: `?user=alice` logs in as alice, `&ro=1` makes her read-only,
 * `?deny=403` refuses with Forbidden; no user refuses with Unauthenticated.
 */
export const testAuth: PadHooks['onAuthenticate'] = async ({ request }) => {
  const params = new URL(request.url ?? '/', 'http://x').searchParams;
  if (params.get('deny') === '403') throw new Forbidden('Ce pad est réservé à l’équipe : demandez un accès.');
  const id = params.get('user');
  if (id === null) throw new Unauthenticated('Connectez-vous pour ouvrir ce pad.');
  return { user: { id, name: id.charAt(0).toUpperCase() + id.slice(1) }, readOnly: params.get('ro') === '1' };
};

/** Starts an HTTP server on port 0 wired to a pad server. */
export async function startServer(options: Partial<PadServerOptions> & { dir: string }) {
  const pads = createPadServer({ hooks: { onAuthenticate: testAuth }, ...options });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => pads.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    pads,
    url: `ws://127.0.0.1:${port}/yjs`,
    async close() {
      await pads.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A y-websocket client, as a browser tab would run it. */
export function connect(url: string, pad: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, pad, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  const text = doc.getText(PAD_TEXT);
  return { doc, provider, text, destroy: () => provider.destroy() };
}

/** Resolves when the provider has synced with the server. */
export const synced = (provider: WebsocketProvider): Promise<void> =>
  new Promise((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (state: boolean) => state && resolve());
  });

/** Polls `check` until it returns true (or fails after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw ws client on a pad, recording messages and the close code. */
export function rawClient(url: string) {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  const state: { code?: number; status?: number } = {};
  ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => {
    ws.on('close', (code) => resolve((state.code = code)));
    ws.on('unexpected-response', (_req, res) => {
      state.status = res.statusCode ?? 0;
      resolve(-1);
    });
  });
  const open = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('close', () => reject(new Error('closed before open')));
    ws.on('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  open.catch(() => {});
  return { ws, messages, state, closed, open };
}

/**
 * Closes, after each test of the file and latest first, what the test started: servers and
 * clients made through the returned `server` and `client`, and anything pushed onto `cleanups`.
 */
export function usePadCleanups() {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    /** A pad server in `dir` (a fresh temporary folder when absent). */
    async server(options: Partial<PadServerOptions> & { dir?: string } = {}) {
      const started = await startServer({ ...options, dir: options.dir ?? (await tempDir()) });
      cleanups.push(() => started.close());
      return started;
    },
    /** A y-websocket client on `pad`. */
    client(url: string, pad: string, params: Record<string, string>) {
      const c = connect(url, pad, params);
      cleanups.push(() => c.destroy());
      return c;
    },
  };
}
