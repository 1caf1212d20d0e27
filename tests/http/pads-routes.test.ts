import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synced, waitFor as until } from '../pads/helpers.ts';
import { createHubClient } from '../helpers/hub-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let alice: TestSession;
let bob: TestSession;
let contributor: TestSession;
const { providers, get, postJson, postForm, connect, closeCodeOf } = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  bob = await signIn(gare.hub, 'equipe', 'Bob Diallo');
  contributor = await signIn(gare.hub, 'contributeur', 'Chloé Contributrice');
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await gare?.stop();
});

const git = (...args: string[]) => execFileSync('git', args, { cwd: gare.hub.config.contentDir, encoding: 'utf8' });

async function createPad(title: string, template: string, who = alice): Promise<string> {
  const res = await postForm('/api/pads', { title, template }, who);
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/pads\/[a-z0-9-]+$/);
  return location.slice('/pads/'.length);
}

describe('pads over HTTP', () => {
  it('creates a pad from the meeting template, with the title and the day filled in, and opens it', async () => {
    const name = await createPad('Réunion du mardi', 'reunion-equipe');
    expect(name).toMatch(/^reunion-du-mardi-\d{4}-\d{2}-\d{2}$/);
    const text = await gare.hub.pads.getText(name);
    expect(text.split('\n')[0]).toBe('# Réunion du mardi');
    expect(text).toContain('## Ordre du jour');
    expect(text).not.toContain('JJ mois AAAA');
    expect(await gare.hub.pads.getMeta(name)).toMatchObject({ title: 'Réunion du mardi', template: 'reunion-equipe' });

    const page = await get(`/pads/${name}`, alice);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-pad-root');
    expect(html).toContain('data-user-name="Alice Martin"');
    expect(html).toContain('Publier dans le wiki');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const again = await createPad('Réunion du mardi', 'reunion-equipe');
    expect(again).toBe(`${name}-2`);
  });

  it('lists pads en cours with who is there, and archives one', async () => {
    const name = await createPad('Atelier compta', 'atelier');
    const bobClient = connect(name, bob);
    await synced(bobClient.provider);
    const listed = async () => ((await (await get('/api/pads', alice)).json()) as { active: { name: string; present: { name: string }[] }[] }).active;
    await until(async () => (await listed()).find((p) => p.name === name)?.present.some((p) => p.name === 'Bob Diallo') ?? false);
    const html = await (await get('/pads', alice)).text();
    expect(html).toContain('Atelier compta');
    expect(html).toContain('Bob Diallo');
    expect(await (await get('/sommaire', alice)).text()).toContain('Atelier compta');

    const archived = await postForm(`/api/pads/${name}/archive`, { archived: 'true' }, alice);
    expect(archived.status).toBe(303);
    expect((await listed()).some((p) => p.name === name)).toBe(false);
    bobClient.provider.destroy();
  });

  it('publishes a pad as one commit crediting every contributor, then updates the same page', async () => {
    const name = await createPad('Réunion publication', 'reunion-equipe');
    const a = connect(name, alice);
    const b = connect(name, bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.text.insert(a.text.length, '\n- Décision : le pad devient la mémoire de la réunion.\n');
    b.text.insert(0, 'Ligne de Bob.\n');
    await until(async () => (await gare.hub.pads.contributorsOf(name)).length === 2);

    const res = await postJson(`/api/pads/${name}/publish`, { tags: ['réunion d’équipe', 'pads'] }, alice);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { path: string; url: string; created: boolean };
    expect(result.created).toBe(true);
    expect(result.path).toMatch(/^reunions\/\d{4}-\d{2}-\d{2}-reunion-publication\.md$/);
    const file = await readFile(path.join(gare.hub.config.contentDir, result.path), 'utf8');
    expect(file).toMatch(/^---\ntitle: Réunion publication\ntype: reunion\n/);
    expect(file).toContain(`pad: ${name}`);
    expect(file).toContain('- Décision : le pad devient la mémoire de la réunion.');
    const page = gare.hub.index.get(result.path);
    expect(page?.meta).toMatchObject({ type: 'reunion', visibility: 'equipe', pad: name, tags: ['réunion d’équipe', 'pads'] });
    expect(page?.meta.participants).toEqual(expect.arrayContaining(['Alice Martin', 'Bob Diallo']));

    const log = git('log', '-1', '--format=%an <%ae>%n%B', '--', result.path);
    expect(log.split('\n')[0]).toBe(`Alice Martin <${alice.email}>`);
    expect(log).toContain(`Co-authored-by: Bob Diallo <${bob.email}>`);
    expect((await gare.hub.pads.getMeta(name))?.publishedPath).toBe(result.path);
    expect(await (await get(`/pads/${name}`, alice)).text()).toContain(`href="${result.url}"`);
    expect((await get(result.url, bob)).status).toBe(200);

    b.text.insert(b.text.length, '\n- [ ] Action : relire le compte-rendu @Bob avant le 2030-01-15\n');
    await until(async () => (await gare.hub.pads.getText(name)).includes('relire le compte-rendu'));
    const second = await postForm(`/api/pads/${name}/publish`, { title: '', tags: 'réunion d’équipe' }, bob);
    expect(second.status).toBe(303);
    expect(git('log', '--format=%H', '--', result.path).trim().split('\n')).toHaveLength(2);
    expect(git('log', '-1', '--format=%an%n%B', '--', result.path)).toContain('Co-authored-by: Alice Martin');
    expect(await readFile(path.join(gare.hub.config.contentDir, result.path), 'utf8')).toContain('relire le compte-rendu');
    expect(gare.hub.index.all().filter((p) => p.meta.pad === name)).toHaveLength(1);

    const register = (await (await get('/api/register?kind=actions&person=Bob', alice)).json()) as { actions: { text: string; page: { path: string } }[] };
    expect(register.actions).toContainEqual(expect.objectContaining({ text: 'relire le compte-rendu', page: expect.objectContaining({ path: result.path }) }));
    a.provider.destroy();
    b.provider.destroy();
  });

  it('opens an existing page live and publishes it back to the same path', async () => {
    const source = 'reunions/2026-03-10-reunion-hebdomadaire.md';
    const res = await postJson('/api/pads/from-page', { path: source }, alice);
    expect(res.status).toBe(200);
    const { name } = (await res.json()) as { name: string };
    expect(name).toBe('2026-03-10-reunion-hebdomadaire');
    const text = await gare.hub.pads.getText(name);
    expect(text.split('\n')[0]).toBe('# Réunion hebdomadaire — 10 mars 2026');
    await gare.hub.pads.setText(name, `${text}\nAjout en direct.\n`, { id: bob.id, name: bob.name });
    const published = (await (await postJson(`/api/pads/${name}/publish`, {}, alice)).json()) as { path: string; created: boolean };
    expect(published).toMatchObject({ path: source, created: false });
    const page = gare.hub.index.get(source);
    expect((await gare.hub.index.pageSource(source))?.body).toContain('Ajout en direct.');
    expect(page?.meta.summary).toContain('Binômes de suivi');
    expect(page?.meta.date).toBe('2026-03-10');
    expect(git('log', '-1', '--format=%B', '--', source)).toContain(`Co-authored-by: Bob Diallo <${bob.email}>`);
    const again = (await (await postJson('/api/pads/from-page', { path: source }, alice)).json()) as { name: string };
    expect(again.name).toBe(name);
  });

  it('keeps visitors and contributors out of team pads: no creating, listing, opening or joining', async () => {
    const name = await createPad('Pad privé', 'vide');
    expect((await postJson('/api/pads', { title: 'Intrus' })).status).toBe(403);
    expect((await postJson('/api/pads', { title: 'Intrus' }, contributor)).status).toBe(403);
    expect((await postJson('/api/pads', { title: 'Intrus', visibility: 'equipe' }, contributor)).status).toBe(403);
    for (const who of [undefined, contributor]) {
      const listed = await get('/api/pads', who);
      expect(listed.status).toBe(200);
      const body = await listed.text();
      expect(body).not.toContain(name);
      expect(body).not.toContain('Pad privé');
    }
    expect((await get(`/api/pads/${name}`)).status).toBe(401);
    expect((await get(`/api/pads/${name}`, contributor)).status).toBe(403);
    // A team pad and a missing one answer alike.
    expect((await get('/api/pads/pad-qui-n-existe-pas', contributor)).status).toBe(403);
    expect((await postJson(`/api/pads/${name}/publish`, {}, contributor)).status).toBe(403);
    expect((await postJson(`/api/pads/${name}/visibility`, { visibility: 'public' }, contributor)).status).toBe(403);
    expect((await postJson(`/api/pads/${name}/archive`, {}, contributor)).status).toBe(403);

    const visitorList = await get('/pads');
    expect(visitorList.status).toBe(200);
    expect(await visitorList.text()).not.toContain('Pad privé');
    expect((await get(`/pads/${name}`)).headers.get('location')).toBe(`/connexion?retour=${encodeURIComponent(`/pads/${name}`)}`);
    const denied = await get(`/pads/${name}`, contributor);
    expect(denied.status).toBe(403);
    const html = await denied.text();
    expect(html).toContain('Accès refusé');
    expect(html).not.toContain('Pad privé');
    expect((await get('/pads/pad-qui-n-existe-pas', contributor)).status).toBe(403);
    const contributorList = await get('/pads', contributor);
    expect(contributorList.status).toBe(200);
    expect(await contributorList.text()).not.toContain('Pad privé');

    expect(await closeCodeOf(name)).toBe(4401);
    expect(await closeCodeOf(name, contributor)).toBe(4403);
    expect(await closeCodeOf('pad-qui-n-existe-pas', contributor)).toBe(4403);
    expect(await gare.hub.pads.contributorsOf(name)).toEqual([]);
  });

  it('shows the register of team meetings to the team only', async () => {
    const visitor = (await (await get('/api/register')).json()) as { decisions: { page: { path: string } }[]; actions: unknown[] };
    const teamPaths = new Set<string>(gare.hub.index.all().filter((p) => p.meta.visibility === 'equipe').map((p) => p.path));
    expect(visitor.decisions.every((d) => !teamPaths.has(d.page.path))).toBe(true);
    const team = (await (await get('/api/register', alice)).json()) as { decisions: { page: { path: string } }[] };
    expect(team.decisions.some((d) => d.page.path.startsWith('reunions/'))).toBe(true);

    const visitorPage = await (await get('/registre')).text();
    const meeting = gare.hub.index.get('reunions/2026-03-10-reunion-hebdomadaire.md');
    expect(meeting).toBeDefined();
    expect(visitorPage).not.toContain(meeting?.meta.title);

    type Actions = { actions: { text: string; overdue: boolean; done: boolean }[] };
    const late = ((await (await get('/api/register?kind=actions&status=en-retard', alice)).json()) as Actions).actions;
    const done = ((await (await get('/api/register?kind=actions&status=faites', alice)).json()) as Actions).actions;
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((a) => a.overdue && !a.done)).toBe(true);
    expect(done.every((a) => a.done)).toBe(true);
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const teamPage = await (await get('/registre?status=en-retard&kind=actions', alice)).text();
    expect(teamPage).toContain(escape(late[0]!.text));
    expect(done.some((a) => teamPage.includes(escape(a.text)))).toBe(false);
    expect((await get('/api/register?from=hier')).status).toBe(400);
  });
});
