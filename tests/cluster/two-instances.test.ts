/**
 * Issue 13: two whole hubs behind one forge, one PostgreSQL and one Redis, each in its own
 * process — sessions, pages, search and pads shared; one instance killed; Redis restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres-server.ts';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';
import { createMember, editPage, eventually, pageOn as pageOnHub, spawnHub, startSeededForge, type ClusterMember, type HubProcess } from './cluster-hubs.ts';

const token = 'jeton-de-la-forge';
let dir: string;
let postgres: TestPostgres;
let redis: TestRedis;
let forge: Awaited<ReturnType<typeof startSeededForge>>;
let a: HubProcess;
let b: HubProcess;
let member: ClusterMember;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gare-cluster-'));
  [postgres, redis, forge] = await Promise.all([startPostgres(), startRedisServer(), startSeededForge(dir, token)]);
  const database = await postgres.createDatabase();
  const shared = { GARE_DATABASE_URL: database, GARE_REDIS_URL: redis.url, GARE_REMOTE_URL: forge.url, GARE_REMOTE_TOKEN: token, GARE_SYNC_INTERVAL: '3600' };
  // One after the other: the first creates the schema, the second finds it.
  a = await spawnHub({ ...shared, GARE_DATA_DIR: path.join(dir, 'a') });
  b = await spawnHub({ ...shared, GARE_DATA_DIR: path.join(dir, 'b') });
  member = await createMember(database, a);
}, 120_000);

afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await Promise.allSettled([forge?.close(), redis?.close(), postgres?.stop()]);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const get = (hub: HubProcess, p: string) => fetch(hub.url + p, { headers: { cookie: member.cookie } });
const pageOn = (hub: HubProcess, slug: string) => pageOnHub(hub, member, slug);
const edit = (hub: HubProcess, slug: string, change: (body: string) => string, baseVersion?: string) => editPage(hub, member, slug, change, baseVersion);

describe('two instances of one hub', () => {
  it('accept on B a session opened on A', async () => {
    const account = await get(b, '/compte');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Camille Dupont');
  });

  it('serve on B, and find in its search, a page saved on A', async () => {
    const word = 'zéphyrinade';
    const saved = await edit(a, 'accueil/bienvenue', (body) => `${body}\n\nUn mot rare : ${word}.\n`);
    expect(saved.status).toBe(200);
    await eventually(async () => (await (await get(b, '/wiki/accueil/bienvenue')).text()).includes(word));
    await eventually(async () => (await (await get(b, `/recherche?q=${encodeURIComponent(word)}`)).text()).includes('/wiki/accueil/bienvenue'));
  });

  it('merge two saves of one page made at once on A and B, and push them without rewriting the forge', async () => {
    const before = forge.git(['rev-parse', 'main']);
    const page = await pageOn(a, 'accueil/bienvenue');
    const [onA, onB] = await Promise.all([
      edit(a, 'accueil/bienvenue', (body) => `Ajouté sur A.\n\n${body}`, page.version),
      edit(b, 'accueil/bienvenue', (body) => `${body}\n\nAjouté sur B.\n`, page.version),
    ]);
    const statuses = [onA.status, onB.status].sort();
    // Both merge, or the second meets the conflict screen: never a silent overwrite.
    expect([[200, 200], [200, 409]]).toContainEqual(statuses);
    await eventually(async () => forge.git(['rev-parse', 'main']) !== before);
    expect(spawnAncestor(before)).toBe(true);
    const text = forge.git(['show', 'main:accueil/bienvenue.md']);
    if (statuses[1] === 200) {
      expect(text).toContain('Ajouté sur A.');
      expect(text).toContain('Ajouté sur B.');
    }
    await eventually(async () => (await pageOn(a, 'accueil/bienvenue')).version === (await pageOn(b, 'accueil/bienvenue')).version);
  });

  it('let two people on A and B type in one pad and see each other', async () => {
    const typeOn = (hub: HubProcess, name: string) => {
      class CookieSocket extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie: member.cookie } });
        }
      }
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(hub.url.replace('http', 'ws') + '/yjs', name, doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
      providers.push(provider);
      return { doc, text: doc.getText(PAD_TEXT), provider };
    };
    const created = await fetch(a.url + '/api/pads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url, cookie: member.cookie, 'x-csrf-token': member.csrf },
      body: JSON.stringify({ title: 'Réunion partagée', template: 'vide' }),
    });
    expect(created.status).toBe(201);
    const { name } = (await created.json()) as { name: string };
    const onA = typeOn(a, name);
    const onB = typeOn(b, name);
    await eventually(async () => onA.provider.synced && onB.provider.synced);
    onA.text.insert(0, 'Tapé sur A. ');
    onB.text.insert(0, 'Tapé sur B. ');
    await eventually(async () => onA.text.toString() === onB.text.toString() && onA.text.toString().includes('A.') && onA.text.toString().includes('B.'));
    await eventually(async () => onA.provider.awareness.getStates().size === 2 && onB.provider.awareness.getStates().size === 2);
  });

  it('recover by themselves when Redis restarts', async () => {
    await redis.stop();
    await redis.start();
    const word = 'redémarragerouge';
    // The instances reconnect on their own; a save on B then reaches A again through the announcement.
    await eventually(async () => {
      const saved = await edit(b, 'accueil/bienvenue', (body) => (body.includes(word) ? body : `${body}\n\n${word}\n`));
      return saved.status === 200;
    }, 20_000);
    await eventually(async () => (await (await get(a, '/wiki/accueil/bienvenue')).text()).includes(word), 20_000);
  });

  it('keep serving from B when A is killed, with sessions still valid', async () => {
    await a.kill();
    const account = await get(b, '/compte');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Camille Dupont');
    expect((await get(b, '/wiki/accueil/bienvenue')).status).toBe(200);
  });

  it('keep serving public pages when PostgreSQL is down, and tell members in French', async () => {
    await postgres.stop();
    const visitor = await fetch(b.url + '/wiki/accueil/bienvenue');
    expect(visitor.status).toBe(200);
    const asMember = await get(b, '/wiki/accueil/bienvenue');
    expect(asMember.status).toBe(503);
    expect(await asMember.text()).toContain('PostgreSQL');
  });
});

/** True when `commit` is an ancestor of the forge's main: its history was never rewritten. */
function spawnAncestor(commit: string): boolean {
  try {
    forge.git(['merge-base', '--is-ancestor', commit, 'main']);
    return true;
  } catch {
    return false;
  }
}
