/**
 * Comments in a running hub: threads through the one gate, edits and deletions by their author,
 * resolution, passages found again after edits, threads following renames, deletions and pad
 * publications, and the forms that work without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEventMap } from '../../server/events/hub-events.ts';
import { clientFor } from '../editing/http-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let team: TestSession;
let contributor: TestSession;
let other: TestSession;
const created: HubEventMap['comment.created'][] = [];
const resolved: HubEventMap['comment.resolved'][] = [];

const publicPage = (extra = '') => `---\ntitle: Page commentée\ntype: ressource\nvisibility: public\n---\n\n${extra}## Objectifs\n\nLe mardi, l’équipe se réunit. On prépare l’atelier.\n\n## Suite\n\nLe mardi, on range la salle.\n`;
const teamPage = `---\ntitle: Page d’équipe commentée\ntype: compte-rendu\nvisibility: equipe\n---\n\nUn passage réservé à l’équipe.\n`;

async function commit(changes: { path: string; content?: string; delete?: boolean }[], message = 'test'): Promise<void> {
  await gare.hub.commits.commitFiles({ changes: changes as never, author: { name: 'Terminal', email: 't@localhost' }, message });
  await gare.hub.sync();
}

beforeAll(async () => {
  gare = await startTestHub();
  [team, contributor, other] = [await signIn(gare.hub, 'equipe', 'Camille Équipe'), await signIn(gare.hub, 'contributeur', 'Dominique Contrib'), await signIn(gare.hub, 'contributeur', 'Sacha Autre')];
  gare.hub.events.on('comment.created', (e) => void created.push(e));
  gare.hub.events.on('comment.resolved', (e) => void resolved.push(e));
  await commit([{ path: 'notes/commentee.md', content: publicPage() }, { path: 'notes/equipe.md', content: teamPage }]);
}, 60_000);
afterAll(async () => gare?.stop());

const list = async (who: TestSession | undefined, kind: string, target: string) =>
  (await clientFor(gare, who).get(`/api/comments?${new URLSearchParams({ kind, target }).toString()}`)).json.threads as any[];

describe('threads on a page', () => {
  it('start on a passage, take replies, and are read by every reader of the page, visitors included', async () => {
    const start = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'passage', quote: 'On prépare l’atelier.', body: 'Qui s’en charge ?' });
    expect(start.status).toBe(201);
    const id = start.json.thread.id as string;
    expect(start.json.thread.anchor).toMatchObject({ kind: 'passage', found: true, occurrence: 0 });
    const reply = await clientFor(gare, contributor).post(`/api/comments/${id}/replies`, { body: 'Moi, @Camille.' });
    expect(reply.status).toBe(200);
    expect(reply.json.thread.comments.map((c: any) => [c.authorName, c.body])).toEqual([['Camille Équipe', 'Qui s’en charge ?'], ['Dominique Contrib', 'Moi, @Camille.']]);
    const seen = await list(undefined, 'page', 'notes/commentee.md');
    expect(seen.find((t) => t.id === id)?.comments).toHaveLength(2);
    expect(seen.find((t) => t.id === id)?.mayReply).toBe(false);
    expect(created.filter((e) => e.threadId === id).map((e) => e.body)).toEqual(['Qui s’en charge ?', 'Moi, @Camille.']);
  });

  it('refuse a visitor’s comment and a passage or heading not in the page (400)', async () => {
    // Without a session, the CSRF check already refuses (403); the desk would ask to log in (401).
    const visitor = await clientFor(gare).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'Bonjour' });
    expect([401, 403]).toContain(visitor.status);
    const bad = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'passage', quote: 'Rien de tel ici', body: 'x' });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'InvalidInput']);
    const heading = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'heading', heading: 'suite', body: 'Et après ?' });
    expect(heading.json.thread.anchor).toEqual({ kind: 'heading', heading: 'suite', label: 'Suite', found: true });
    const absent = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'heading', heading: 'inconnu', body: 'x' });
    expect(absent.status).toBe(400);
  });

  it('refuse an empty comment and one of more than 10,000 characters, in French', async () => {
    const empty = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: '   ' });
    expect([empty.status, empty.json.error.code]).toEqual([400, 'InvalidInput']);
    const long = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'a'.repeat(10_001) });
    expect([long.status, long.json.error.message]).toEqual([400, expect.stringContaining('trop long')]);
    expect((await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'a'.repeat(10_000) })).status).toBe(201);
  });

  it('are edited and deleted by their author only; a deleted comment leaves « supprimé » while replies remain', async () => {
    const start = await clientFor(gare, contributor).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'Premier jet' });
    const id = start.json.thread.id as string;
    const first = start.json.thread.comments[0].id as string;
    expect((await clientFor(gare, other).post(`/api/comments/messages/${first}/edit`, { body: 'Piraté' })).status).toBe(403);
    expect((await clientFor(gare, team).post(`/api/comments/messages/${first}/delete`, {})).status).toBe(403);
    const edited = await clientFor(gare, contributor).post(`/api/comments/messages/${first}/edit`, { body: 'Second jet' });
    expect(edited.json.thread.comments[0]).toMatchObject({ body: 'Second jet', mine: true, editedAt: expect.any(String) });
    const reply = await clientFor(gare, other).post(`/api/comments/${id}/replies`, { body: 'Une réponse' });
    const replyId = reply.json.thread.comments[1].id as string;
    const deleted = await clientFor(gare, contributor).post(`/api/comments/messages/${first}/delete`, {});
    expect(deleted.json.thread.comments[0]).toMatchObject({ deleted: true, body: '' });
    expect(JSON.stringify(await list(team, 'page', 'notes/commentee.md'))).not.toContain('Second jet');
    const gone = await clientFor(gare, other).post(`/api/comments/messages/${replyId}/delete`, {});
    expect(gone.json.thread).toBeNull();
    expect((await list(team, 'page', 'notes/commentee.md')).some((t) => t.id === id)).toBe(false);
  });

  it('are resolved and reopened by who may write the page or started the thread, and told on the bus', async () => {
    const start = await clientFor(gare, contributor).post('/api/comments', { kind: 'page', target: 'notes/equipe.md', body: 'x' });
    expect(start.status).toBe(404);
    const mine = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/equipe.md', body: 'À relire' });
    const id = mine.json.thread.id as string;
    expect([401, 403]).toContain((await clientFor(gare).post(`/api/comments/${id}/resolve`, {})).status);
    expect((await clientFor(gare, contributor).post(`/api/comments/${id}/resolve`, {})).status).toBe(404);
    const done = await clientFor(gare, team).post(`/api/comments/${id}/resolve`, { resolved: true });
    expect(done.json.thread.resolved).toMatchObject({ by: 'Camille Équipe' });
    const again = await clientFor(gare, team).post(`/api/comments/${id}/resolve`, { resolved: false });
    expect(again.json.thread.resolved).toBeUndefined();
    expect(resolved.filter((e) => e.threadId === id).map((e) => e.resolved)).toEqual([true, false]);
    // On a public page, the contributor who started a thread, and any contributor, may resolve it.
    const open = await clientFor(gare, other).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'Fini ?' });
    expect((await clientFor(gare, contributor).post(`/api/comments/${open.json.thread.id}/resolve`, {})).json.thread.resolved).toBeDefined();
  });
});

describe('threads follow their page', () => {
  it('find their passage again after edits around it, and say « modifié » once it is gone', async () => {
    const start = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'passage', quote: 'Le mardi,', prefix: 'Suite', suffix: 'onrange', body: 'Quel mardi ?' });
    const id = start.json.thread.id as string;
    expect(start.json.thread.anchor.occurrence).toBe(1);
    await commit([{ path: 'notes/commentee.md', content: publicPage('Le mardi, une ligne ajoutée au début.\n\n') }]);
    expect((await list(team, 'page', 'notes/commentee.md')).find((t) => t.id === id)?.anchor).toMatchObject({ found: true, occurrence: 2 });
    await commit([{ path: 'notes/commentee.md', content: publicPage().replace(/Le mardi/g, 'Le jeudi') }]);
    expect((await list(team, 'page', 'notes/commentee.md')).find((t) => t.id === id)?.anchor).toMatchObject({ kind: 'passage', quote: 'Le mardi,', found: false });
  });

  it('move with a rename, and with a move made in a terminal', async () => {
    await commit([{ path: 'notes/a-renommer.md', content: publicPage() }]);
    const id = (await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/a-renommer.md', body: 'Je suis le fil' })).json.thread.id;
    const renamed = await clientFor(gare, team).post('/api/pages/rename', { path: 'notes/a-renommer.md', newTitle: 'Page renommée' });
    expect(renamed.status).toBe(200);
    const to = renamed.json.path as string;
    expect((await list(team, 'page', to)).map((t) => t.id)).toEqual([id]);
    expect(await list(team, 'page', 'notes/a-renommer.md')).toEqual([]);
    const source = (await gare.hub.index.pageSource(to))!.source;
    await commit([{ path: to, delete: true }, { path: 'ailleurs/page-deplacee.md', content: source }], 'git mv');
    expect((await list(team, 'page', 'ailleurs/page-deplacee.md')).map((t) => t.id)).toEqual([id]);
  });

  it('are removed with their page', async () => {
    await commit([{ path: 'notes/a-supprimer.md', content: publicPage() }]);
    const id = (await clientFor(gare, team).post('/api/comments', { kind: 'page', target: 'notes/a-supprimer.md', body: 'Bientôt parti' })).json.thread.id as string;
    expect((await clientFor(gare, team).post('/api/pages/delete', { path: 'notes/a-supprimer.md' })).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(await gare.hub.accounts.sql.get('SELECT COUNT(*) AS n FROM comment_threads WHERE id = ?', [id])).toEqual({ n: 0 });
  });
});

describe('threads on a pad', () => {
  async function newPad(title: string): Promise<string> {
    return (await clientFor(gare, team).post('/api/pads', { title, template: 'reunion-equipe' })).json.name;
  }

  it('are carried to the page the pad is published into, their passage found there', async () => {
    const name = await newPad('Réunion commentée');
    const start = await clientFor(gare, team).post('/api/comments', { kind: 'pad', target: name, anchor: 'passage', quote: 'Retour sur les actions de la semaine dernière', body: 'On garde ce point ?' });
    expect(start.status).toBe(201);
    expect(await list(contributor, 'pad', name)).toEqual([]);
    const published = await clientFor(gare, team).post(`/api/pads/${name}/publish`, { visibility: 'equipe' });
    expect(published.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const onPage = await list(team, 'page', published.json.path);
    expect(onPage.map((t) => [t.id, t.anchor.found])).toEqual([[start.json.thread.id, true]]);
    expect(await list(team, 'pad', name)).toEqual([]);
  });

  it('stay on a team pad published as a public page: words written for the team are not made public', async () => {
    const name = await newPad('Réunion publiée');
    const id = (await clientFor(gare, team).post('/api/comments', { kind: 'pad', target: name, body: 'Entre nous' })).json.thread.id;
    const published = await clientFor(gare, team).post(`/api/pads/${name}/publish`, { visibility: 'public' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await list(undefined, 'page', published.json.path)).toEqual([]);
    expect((await list(team, 'pad', name)).map((t) => t.id)).toEqual([id]);
  });
});

describe('forms without JavaScript', () => {
  const form = (who: TestSession, path: string, fields: Record<string, string>) =>
    fetch(gare.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: who.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });

  it('start a thread, reply and resolve, each coming back to the page at the thread', async () => {
    const res = await form(team, '/api/comments', { kind: 'page', target: 'notes/commentee.md', body: 'Par formulaire', retour: '/wiki/notes/commentee' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/wiki\/notes\/commentee\?discussion=.+#fil-/);
    const id = location.split('#fil-')[1]!;
    expect((await form(contributor, `/api/comments/${id}/replies`, { body: 'Réponse', retour: '/wiki/notes/commentee' })).status).toBe(303);
    expect((await form(team, `/api/comments/${id}/resolve`, { resolved: 'true', retour: '/wiki/notes/commentee' })).status).toBe(303);
    expect((await list(team, 'page', 'notes/commentee.md')).find((t) => t.id === id)).toMatchObject({ resolved: { by: 'Camille Équipe' }, comments: [{ body: 'Par formulaire' }, { body: 'Réponse' }] });
  });

  it('give back what was typed when the comment is refused', async () => {
    const res = await form(team, '/api/comments', { kind: 'page', target: 'notes/commentee.md', anchor: 'passage', quote: 'introuvable', body: 'Mon long texte gardé', retour: '/wiki/notes/commentee' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Passage introuvable');
    expect(html).toContain('Mon long texte gardé');
  });
});
