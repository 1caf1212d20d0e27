import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { createHubClient } from '../helpers/hub-client.ts';

let gare: TestHub;
let team: TestSession;
let token: string;
const { postJson, get } = createHubClient(() => gare);

interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; security: Record<string, string[]>[] }>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string }> };
}

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  token = ((await (await postJson('/api/account/tokens', { name: 'Doc', scope: 'write' }, team)).json()) as { token: string }).token;
});
afterAll(() => gare?.stop());

const bearer = (method: string, path: string, body?: unknown) =>
  fetch(gare.url + path, { method, redirect: 'manual', headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document with bearer and cookie security schemes, open to visitors', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe(gare.url);
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes['cookie']).toMatchObject({ type: 'apiKey', in: 'cookie' });
    for (const area of ['/api/pages', '/api/pages/save', '/api/search', '/api/tags', '/api/pages/history', '/api/pads', '/api/pads/{name}/publish', '/api/comments', '/api/register', '/calendrier.ics']) {
      expect(Object.keys(doc.paths)).toContain(area);
    }
  });

  it('every documented operation answers on a real hub (never 404 or 405)', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as Doc;
    // Real values for every parameter: a page, its version, a pad, a discussion and its comment, a calendar link.
    const page = ((await (await bearer('GET', '/api/pages/accompagnements/awa-sene')).json()) as { path: string; version: string });
    const pad = ((await (await bearer('POST', '/api/pads', { title: 'Pad documenté' })).json()) as { name: string }).name;
    const created = (await (await bearer('POST', '/api/comments', { kind: 'page', target: page.path, body: 'Première remarque.' })).json()) as { thread: { id: string; comments: { id: string }[] } };
    const calendar = ((await (await postJson('/api/compte/calendrier', {}, team)).json()) as { url: string }).url;
    const values: Record<string, string> = {
      slug: 'accompagnements/awa-sene', name: pad, secret: /\/calendrier\/([^/]+)\.ics$/.exec(calendar)?.[1] ?? '',
      path: page.path, oid: page.version, from: page.version, kind: 'page', target: page.path, q: 'accompagnement',
    };
    const checked: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const id = template.includes('/comments/messages/') ? created.thread.comments[0]?.id : created.thread.id;
        let path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'id' ? (id ?? '') : (values[name] ?? '')));
        const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(values[p.name] ?? '')}`);
        if (query.length > 0) path += `?${query.join('&')}`;
        const body = method === 'get' || method === 'delete' ? undefined : method === 'patch' ? { body: 'Remarque corrigée.' } : {};
        const res = await bearer(method.toUpperCase(), path, body);
        checked.push(`${method} ${path} → ${res.status}`);
        expect([404, 405], `${method.toUpperCase()} ${path} (${res.status})`).not.toContain(res.status);
        expect(res.status, `${method.toUpperCase()} ${path}`).toBeLessThan(500);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('is found from the help page on tokens and the API, listed in the help menu', async () => {
    const help = await (await get('/aide/api')).text();
    expect(help).toContain('href="/api/openapi.json"');
    expect(help).toContain('Authorization: Bearer');
    expect(await (await get('/aide')).text()).toContain('href="/aide/api"');
  });
});
