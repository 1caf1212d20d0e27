/** A real hub on port 0 over a temporary folder, and a browser-like client with a cookie jar. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../server/config.ts';
import { startGare, type RunningGare } from '../../server/main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A hub started for a test; `stop` also removes its folder. */
export interface AuthTestHub extends RunningGare {
  stop(): Promise<void>;
}

/** Starts the real hub with the sample wiki seeded into a temporary folder. */
export async function startAuthHub({ publicUrl }: { publicUrl?: string } = {}): Promise<AuthTestHub> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-auth-http-'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    contentDir: path.join(dataDir, 'wiki'),
    seedContent: true,
    publicUrl,
    remote: undefined,
  };
  const gare = await startGare({ config, root });
  return {
    ...gare,
    async stop() {
      await gare.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser: keeps cookies, sends our Origin on writes, never follows redirects by itself. */
export interface Browser {
  /** Cookies held, name → value. */
  jar: Map<string, string>;
  /** GET a path. */
  get(p: string): Promise<Response>;
  /** POST a form (urlencoded), as an HTML form would. */
  postForm(p: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  /** POST JSON, as a fetch client would (X-CSRF-Token when given). */
  postJson(p: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Keeps the cookies of a response, as a browser would (Max-Age=0 or a past Expires removes). */
function store(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expires = /;\s*expires=([^;]+)/i.exec(line)?.[1];
    const past = expires !== undefined && !/;\s*max-age=/i.test(line) && Date.parse(expires) <= Date.now();
    if (/;\s*max-age=0/i.test(line) || past || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

/** A new browser for the hub at `base`. */
export function browser(base: string): Browser {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function send(p: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const headers = { ...(jar.size > 0 ? { cookie: cookie() } : {}), ...init.headers };
    const res = await fetch(base + p, { ...init, headers, redirect: 'manual' });
    store(jar, res);
    return res;
  }
  return {
    jar,
    get: (p) => send(p, { headers: {} }),
    postForm: (p, fields, headers = {}) =>
      send(p, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...headers } }),
    postJson: (p, body, headers = {}) =>
      send(p, { method: 'POST', body: JSON.stringify(body), headers: { origin: base, 'content-type': 'application/json', ...headers } }),
  };
}

/** The French message a form redirect carries (?ok= or ?erreur=). */
export function messageOf(res: Response, kind: 'ok' | 'erreur'): string | null {
  const location = res.headers.get('location');
  return location === null ? null : new URL(location, 'http://x').searchParams.get(kind);
}

/** The value of a hidden `_csrf` input in a page. */
export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}
