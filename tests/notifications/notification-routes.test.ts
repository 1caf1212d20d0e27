import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../editing/http-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

const teamPage = 'accompagnements/ines-marchetti.md';
const publicPage = 'ressources/choisir-un-statut-juridique.md';

let gare: TestHub;
let zoe: TestSession; // équipe
let camille: TestSession; // équipe « Camille Dupont »
let camilleM: TestSession; // contributeur « Camille Martin »
let bruno: TestSession; // contributeur

beforeAll(async () => {
  gare = await startTestHub();
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  camilleM = await signIn(gare.hub, 'contributeur', 'Camille Martin');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
}, 60_000);
afterAll(() => gare?.stop());

const list = (who: TestSession) => gare.hub.notifications.store.list({ userId: who.id, limit: 200 });

describe('GET /api/mentions', () => {
  it('proposes only people who may read the target, name and handle, never an e-mail', async () => {
    const team = await clientFor(gare, zoe).get(`/api/mentions?${new URLSearchParams({ cible: `page:${teamPage}`, q: 'cam' })}`);
    expect(team.status).toBe(200);
    expect(team.json.people).toEqual([{ name: 'Camille Dupont', handle: 'Camille.Dupont' }]);
    const open = await clientFor(gare, bruno).get(`/api/mentions?${new URLSearchParams({ cible: `page:${publicPage}`, q: 'Cám' })}`);
    expect(open.json.people).toEqual([{ name: 'Camille Dupont', handle: 'Camille.Dupont' }, { name: 'Camille Martin', handle: 'Camille.Martin' }]);
    expect(JSON.stringify(open.json)).not.toContain('@exemple.org');
  });

  it('refuses a visitor, and a target the asker may not read gets the answer of a missing one', async () => {
    expect((await clientFor(gare).get(`/api/mentions?cible=page:${publicPage}`)).status).toBe(401);
    const hidden = await clientFor(gare, bruno).get(`/api/mentions?cible=page:${teamPage}`);
    const missing = await clientFor(gare, bruno).get('/api/mentions?cible=page:nulle-part.md');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.json).toEqual(missing.json);
    expect((await clientFor(gare, bruno).get('/api/mentions?cible=ailleurs')).status).toBe(400);
  });
});

describe('comments notify', () => {
  it('mentioned people, the thread’s participants (reply) and the page’s followers (comment), once each, never the writer', async () => {
    await gare.hub.notifications.follows.setFollow(bruno.id, { kind: 'page', target: publicPage, follow: true });
    const opened = await clientFor(gare, camilleM).post('/api/comments', { kind: 'page', target: publicPage, body: 'Une question pour @Zoé.' });
    expect(opened.status).toBe(201);
    await gare.hub.notifications.idle();
    const threadId = (await gare.hub.notifications.store.list({ userId: zoe.id }))[0]?.data.threadId;
    expect(threadId).toBeTruthy();
    expect((await list(zoe)).map((n) => n.kind)).toEqual(['mention']);
    expect((await list(bruno)).map((n) => n.kind)).toEqual(['comment']);
    expect(await list(camilleM)).toEqual([]);
    expect((await list(zoe))[0]?.data.url).toMatch(new RegExp(`#fil-${threadId}$`));

    const replied = await clientFor(gare, zoe).post(`/api/comments/${threadId}/replies`, { threadId, body: 'Voici la réponse.' });
    expect([200, 201]).toContain(replied.status);
    await gare.hub.notifications.idle();
    expect((await list(camilleM)).map((n) => n.kind)).toEqual(['reply']);
    expect((await list(bruno)).map((n) => n.kind)).toEqual(['comment', 'comment']);
    expect((await list(zoe)).map((n) => n.kind)).toEqual(['mention']);
  });

  it('a comment on a team page mentioning a contributeur tells them nothing', async () => {
    const before = await gare.hub.notifications.store.countUnread(bruno.id);
    expect((await clientFor(gare, zoe).post('/api/comments', { kind: 'page', target: teamPage, body: '@Bruno, regarde ça.' })).status).toBe(201);
    await gare.hub.notifications.idle();
    expect(await gare.hub.notifications.store.countUnread(bruno.id)).toBe(before);
  });
});

describe('notifications and follows routes', () => {
  it('lists only what is readable now: a page made team-only leaves the list', async () => {
    const file = 'ressources/fiche-partagee.md';
    const dir = gare.hub.config.contentDir;
    const commit = async (visibility: string, body: string) => {
      await writeFile(path.join(dir, file), `---\ntitle: Fiche partagée\ntype: ressource\nvisibility: ${visibility}\n---\n\n${body}\n`);
      execFileSync('git', ['-C', dir, 'add', file]);
      execFileSync('git', ['-C', dir, '-c', 'user.name=Zoé Leroy', '-c', `user.email=${zoe.email}`, 'commit', '-qm', 'Fiche'], { stdio: 'pipe' });
      await gare.hub.sync();
      await gare.hub.notifications.idle();
    };
    await commit('public', 'Pour @Bruno.');
    const shown = await clientFor(gare, bruno).get('/api/notifications');
    expect(shown.json.items.map((n: { title: string }) => n.title)).toContain('Fiche partagée');
    await commit('equipe', 'Pour @Bruno. Désormais réservé à l’équipe.');
    const after = await clientFor(gare, bruno).get('/api/notifications');
    expect(after.json.items.map((n: { title: string }) => n.title)).not.toContain('Fiche partagée');
    expect(JSON.stringify(after.json)).not.toContain('fiche-partagee');
    // Shown once as unreadable, it no longer counts in the header.
    expect(after.json.unread).toBe(after.json.items.filter((n: { read: boolean }) => !n.read).length);
  });

  it('marks one, then all, as read; only one’s own', async () => {
    const mine = (await list(bruno)).filter((n) => n.readAt === undefined);
    expect(mine.length).toBeGreaterThan(1);
    const other = await clientFor(gare, zoe).post('/api/notifications/read', { id: mine[0]!.id });
    expect(other.json.changed).toBe(0);
    const one = await clientFor(gare, bruno).post('/api/notifications/read', { id: mine[0]!.id });
    expect(one.json).toMatchObject({ changed: 1, unread: mine.length - 1 });
    const all = await clientFor(gare, bruno).post('/api/notifications/read', {});
    expect(all.json.unread).toBe(0);
    expect((await clientFor(gare).post('/api/notifications/read', {})).status).toBe(403);
  });

  it('follows a tag, a section, the register; refuses what the person may not read', async () => {
    const as = clientFor(gare, bruno);
    expect((await as.post('/api/follows', { kind: 'tag', target: 'france-travail', follow: true })).json).toMatchObject({ following: true });
    expect((await as.post('/api/follows', { kind: 'section', target: 'ressources', follow: true })).status).toBe(200);
    expect((await as.post('/api/follows', { kind: 'register', follow: true })).status).toBe(200);
    expect((await as.post('/api/follows', { kind: 'page', target: teamPage, follow: true })).status).toBe(404);
    expect((await as.post('/api/follows', { kind: 'section', target: 'accompagnements', follow: true })).status).toBe(404);
    expect((await as.post('/api/follows', { kind: 'planete', target: 'x', follow: true })).status).toBe(400);
    expect((await gare.hub.notifications.follows.listFollows(bruno.id)).map((f) => `${f.kind}:${f.target}`)).toEqual(
      expect.arrayContaining(['register:', 'section:ressources', 'tag:france-travail']),
    );
  });

  it('a renamed page keeps its followers', async () => {
    await gare.hub.notifications.follows.setFollow(camille.id, { kind: 'page', target: publicPage, follow: true });
    const res = await clientFor(gare, zoe).post('/api/pages/rename', { path: publicPage, newTitle: 'Statut juridique : bien choisir' });
    expect(res.status).toBe(200);
    await gare.hub.notifications.idle();
    expect((await gare.hub.notifications.follows.isFollowing(camille.id, 'page', publicPage))).toBe(false);
    expect((await gare.hub.notifications.follows.isFollowing(camille.id, 'page', res.json.path))).toBe(true);
  });
});
