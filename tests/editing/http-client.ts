/** Small HTTP client for the editing tests: JSON calls as a logged-in person or a visitor, and git log. */
import { execFileSync } from 'node:child_process';
import type { TestHub } from '../helpers/start-hub.ts';
import type { TestSession } from '../helpers/people.ts';

/** Sends API calls to a running hub as one person (or as a visitor without a session). */
export function clientFor(gare: TestHub, who?: TestSession) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    origin: gare.url,
    ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
    ...extra,
  });
  return {
    /** GET, parsed JSON and status. */
    async get(path: string): Promise<{ status: number; json: any; res: Response }> {
      const res = await fetch(gare.url + path, { headers: headers() });
      const text = await res.text();
      return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : text, res };
    },
    /** POST JSON. */
    async post(path: string, body: unknown): Promise<{ status: number; json: any }> {
      const res = await fetch(gare.url + path, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
    /** POST raw bytes (uploads). */
    async upload(page: string, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ status: number; json: any }> {
      const res = await fetch(`${gare.url}/api/attachments?page=${encodeURIComponent(page)}`, {
        method: 'POST',
        headers: headers({ 'x-filename': encodeURIComponent(name), 'content-type': 'application/octet-stream' }),
        body: bytes,
      });
      return { status: res.status, json: await res.json() };
    },
  };
}

/** `git log` of the content repository (subject and author), newest first. */
export function gitLog(dir: string, ...args: string[]): string[] {
  return execFileSync('git', ['-C', dir, 'log', '--format=%an|%s', ...args], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

/** A file as it is at HEAD, through git. */
export function gitShow(dir: string, path: string): string {
  return execFileSync('git', ['-C', dir, 'show', `HEAD:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
