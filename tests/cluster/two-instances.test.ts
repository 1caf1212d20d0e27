/**
 * Issue 13: two whole hubs behind one forge, one PostgreSQL and one Redis, each in its own
 * process — sessions, pages, search and pads shared; one instance killed; Redis restarted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres-server.ts';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';
import { createMember, editPage, eventually, logIn, pageOn as pageOnHub, people, postAs, spawnHub, startSeededForge, type ClusterMember, type HubProcess } from './cluster-hubs.ts';

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

  it('merge a commit pushed to the forge from outside the hub with the next save, without losing either', async () => {
    // A person pushes to the forge with git: the hub's record of the forge's tip is now stale.
    const clone = path.join(dir, 'dehors');
    spawnSync('git', ['clone', '-q', forge.git(['rev-parse', '--absolute-git-dir']), clone]);
    const outside = (...args: string[]) => spawnSync('git', ['-C', clone, '-c', 'user.name=Dehors', '-c', 'user.email=dehors@exemple.org', ...args], { encoding: 'utf8' });
    writeFileSync(path.join(clone, 'accueil', 'poussee-du-dehors.md'), '---\ntitle: Poussée du dehors\n---\nÉcrit hors du hub.\n');
    outside('add', '.');
    outside('commit', '-q', '-m', 'Ajout depuis un poste');
    expect(outside('push', '-q', 'origin', 'HEAD:main').status).toBe(0);
    const external = forge.git(['rev-parse', 'main']);
    const word = 'apreslapoussee';
    const saved = await edit(a, 'accueil/bienvenue', (body) => `${body}\n\n${word}\n`);
    expect(saved.status).toBe(200);
    // Both on the forge, the outside commit kept in its history.
    await eventually(async () => forge.git(['show', 'main:accueil/bienvenue.md']).includes(word));
    expect(spawnAncestor(external)).toBe(true);
    expect(forge.git(['show', 'main:accueil/poussee-du-dehors.md'])).toContain('Écrit hors du hub.');
    await eventually(async () => (await get(b, '/wiki/accueil/poussee-du-dehors')).status === 200);
  });

  it('carry a proposal made on A to B, and its acceptance on B back to A and the forge', async () => {
    const admin = await logIn(a, people.admin);
    expect((await postAs(a, admin, '/api/review/settings', { sections: ['ressources'] })).status).toBe(200);
    const contributor = await logIn(a, people.contributor);
    const slug = 'ressources/animer-un-atelier';
    const page = await pageOnHub(a, contributor, slug);
    const word = 'propositionvoyageuse';
    const proposed = await postAs(a, contributor, '/api/pages/save', {
      path: page.path, title: page.meta.title, type: page.meta.type, tags: page.meta.tags, visibility: page.meta.visibility,
      body: `${page.body}\n\n${word}\n`, baseVersion: page.version,
    });
    expect(proposed.status).toBe(202);
    const { id } = ((await proposed.json()) as { proposal: { id: string } }).proposal;
    // On the forge at once, and listed on B for the team.
    expect(forge.git(['rev-parse', `refs/heads/propositions/${id}`])).toMatch(/^[0-9a-f]{40}$/);
    const listedOn = async (hub: HubProcess) => ((await (await get(hub, '/api/proposals')).json()) as { proposals: { id: string }[] }).proposals.some((p) => p.id === id);
    await eventually(() => listedOn(b));
    const accepted = await postAs(b, member, `/api/proposals/${id}/accept`, {});
    expect(accepted.status).toBe(200);
    // Decided once for everyone: kept under its decided name on the forge, gone from the pending ones.
    expect(forge.git(['rev-parse', `refs/heads/propositions-acceptees/${id}`])).toMatch(/^[0-9a-f]{40}$/);
    expect(forge.git(['for-each-ref', 'refs/heads/propositions/'])).not.toContain(id);
    expect(forge.git(['show', `main:${page.path}`])).toContain(word);
    await eventually(async () => ((await (await get(a, `/api/proposals/${id}`)).json()) as { state?: string; proposal?: { state?: string } }).proposal?.state === 'accepted');
    await eventually(async () => !(await listedOn(a)));
    await eventually(async () => (await (await get(a, `/wiki/${slug}`)).text()).includes(word));
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
      // As the pad page does (site/scripts/pad-editor.ts): a state that never changed keeps clock 0,
      // which y-protocols takes for already known, so it would travel only with the 15 s renewal.
      provider.awareness.setLocalStateField('user', { name: 'Camille Dupont' });
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
