import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synced, waitFor as until } from '../pads/helpers.ts';
import { createHubClient } from '../helpers/hub-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let alice: TestSession;
let chloe: TestSession;
const { providers, get, postJson, postForm, connect, closeCodeOf } = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  chloe = await signIn(gare.hub, 'contributeur', 'Chloé Bénévole');
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await gare?.stop();
});

async function createPad(title: string, visibility: 'public' | 'equipe', who = alice): Promise<string> {
  const res = await postForm('/api/pads', { title, template: 'atelier', visibility }, who);
  expect(res.status).toBe(303);
  return (res.headers.get('location') ?? '').slice('/pads/'.length);
}

const navHasPads = (html: string) => /<nav[^>]*aria-label="Navigation principale"[\s\S]*?href="\/pads"[\s\S]*?<\/nav>/.test(html);
type Lists = { active: { name: string; title?: string }[]; published: unknown[]; archived: unknown[] };

describe('public pads', () => {
  it('shows « Pads » in the header to visitors only once a public pad exists', async () => {
    await createPad('Notes de l’équipe', 'equipe');
    expect(navHasPads(await (await get('/')).text())).toBe(false);
    expect(navHasPads(await (await get('/', alice)).text())).toBe(true);
    await createPad('Atelier vélo', 'public');
    expect(navHasPads(await (await get('/')).text())).toBe(true);
  });

  it('lists only public pads to visitors and contributeurs: API, pads page and home page', async () => {
    const team = await createPad('Budget confidentiel', 'equipe');
    const open = await createPad('Atelier couture', 'public');
    for (const who of [undefined, chloe]) {
      const lists = (await (await get('/api/pads', who)).json()) as Lists;
      expect(lists.active.map((p) => p.name)).toContain(open);
      expect(JSON.stringify(lists)).not.toContain(team);
      expect(JSON.stringify(lists)).not.toContain('Budget confidentiel');
      for (const page of ['/pads', '/']) {
        const html = await (await get(page, who)).text();
        expect(html, page).toContain('Atelier couture');
        expect(html, page).not.toContain('Budget confidentiel');
        expect(html, page).not.toContain('Archiver');
      }
    }
    const teamLists = (await (await get('/api/pads', alice)).json()) as Lists;
    expect(teamLists.active.map((p) => p.name)).toEqual(expect.arrayContaining([team, open]));
    expect(await (await get('/pads', alice)).text()).toContain('Qui peut voir ce pad ?');
  });

  it('lets a visitor read a public pad live without being able to write in it', async () => {
    const name = await createPad('Atelier réparation', 'public');
    const before = await gare.hub.pads.getText(name);
    const page = await get(`/pads/${name}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-read-only="true"');
    expect(html).toContain('Connectez-vous pour écrire');
    expect(html).not.toContain('Publier dans le wiki');
    expect(html).not.toContain('Qui peut voir ce pad ?');
    expect((await get(`/api/pads/${name}`)).status).toBe(200);

    const writer = connect(name, alice);
    const visitor = connect(name);
    await Promise.all([synced(writer.provider), synced(visitor.provider)]);
    expect(visitor.text.toString()).toBe(before);
    writer.text.insert(writer.text.length, '\nLigne de l’équipe.\n');
    await until(() => visitor.text.toString().includes('Ligne de l’équipe.'));
    // The visitor sees who is there, but does not show up among them.
    writer.provider.awareness.setLocalStateField('user', { name: 'Alice Martin' });
    await until(() => [...visitor.provider.awareness.getStates().values()].some((s) => s['user']?.name === 'Alice Martin'));
    visitor.provider.awareness.setLocalStateField('user', { name: 'Alice Martin (copie)' });

    visitor.text.insert(0, 'Intrusion du visiteur. ');
    writer.text.insert(writer.text.length, 'Après.');
    await until(() => visitor.text.toString().endsWith('Après.'));
    await gare.hub.pads.flush();
    const onServer = await gare.hub.pads.getText(name);
    expect(onServer).not.toContain('Intrusion du visiteur.');
    expect(onServer).toContain('Ligne de l’équipe.');
    expect(writer.text.toString()).not.toContain('Intrusion du visiteur.');
    expect((await gare.hub.pads.contributorsOf(name)).map((c) => c.name)).toEqual(['Alice Martin']);
    const names = [...writer.provider.awareness.getStates().values()].map((s) => s['user']?.name);
    expect(names).not.toContain('Alice Martin (copie)');
    writer.provider.destroy();
    visitor.provider.destroy();
  });

  it('lets a contributeur write in a public pad and start one, but not in a team pad', async () => {
    const open = await createPad('Atelier jardin', 'public');
    const team = await createPad('Réunion interne', 'equipe');
    const chloeClient = connect(open, chloe);
    await synced(chloeClient.provider);
    chloeClient.text.insert(chloeClient.text.length, '\nIdée de Chloé : des semis partagés.\n');
    await until(async () => (await gare.hub.pads.getText(open)).includes('des semis partagés'));
    expect((await gare.hub.pads.contributorsOf(open)).map((c) => c.name)).toContain('Chloé Bénévole');
    const page = await (await get(`/pads/${open}`, chloe)).text();
    expect(page).not.toContain('data-read-only');
    expect(page).not.toContain('Publier dans le wiki');
    expect(await closeCodeOf(team, chloe)).toBe(4403);
    chloeClient.provider.destroy();

    const own = await createPad('Atelier de Chloé', 'public', chloe);
    expect(await gare.hub.pads.getMeta(own)).toMatchObject({ visibility: 'public', title: 'Atelier de Chloé' });
    expect((await postJson('/api/pads', { title: 'Pad d’équipe de Chloé', visibility: 'equipe' }, chloe)).status).toBe(403);
    // Publishing commits straight into the wiki: it stays the team's, public pads included.
    expect((await postJson(`/api/pads/${own}/publish`, {}, chloe)).status).toBe(403);
  });

  it('publishes a public pad into a public page unless told otherwise', async () => {
    const name = await createPad('Atelier compost', 'public');
    const res = await postJson(`/api/pads/${name}/publish`, {}, alice);
    expect(res.status).toBe(200);
    const { path } = (await res.json()) as { path: string };
    expect(gare.hub.index.get(path)?.meta.visibility).toBe('public');
    expect(await (await get(`/pads/${name}`, alice)).text()).toMatch(/<option value="public" selected/);
  });

  it('switching a pad back to the team closes the sockets of visitors and contributeurs at once and refuses new ones', async () => {
    const name = await createPad('Atelier bascule', 'public');
    const writer = connect(name, alice);
    const visitor = connect(name);
    const contributor = connect(name, chloe);
    await Promise.all([synced(writer.provider), synced(visitor.provider), synced(contributor.provider)]);

    expect((await postJson(`/api/pads/${name}/visibility`, { visibility: 'sous-le-manteau' }, alice)).status).toBe(400);
    const res = await postForm(`/api/pads/${name}/visibility`, { visibility: 'equipe' }, alice);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`/pads/${name}?ok=`);
    expect((await gare.hub.pads.getMeta(name))?.visibility).toBe('equipe');
    await until(() => visitor.closes.length > 0 && contributor.closes.length > 0);
    expect(visitor.closes).toEqual([4403]);
    expect(contributor.closes).toEqual([4403]);
    expect(writer.provider.wsconnected).toBe(true);
    expect(writer.closes).toEqual([]);

    expect(await closeCodeOf(name)).toBe(4401);
    expect(await closeCodeOf(name, chloe)).toBe(4403);
    expect((await get(`/pads/${name}`, chloe)).status).toBe(403);
    expect(await (await get('/pads')).text()).not.toContain('Atelier bascule');

    const back = (await (await postJson(`/api/pads/${name}/visibility`, { visibility: 'public' }, alice)).json()) as { visibility: string; disconnected: number };
    expect(back).toMatchObject({ visibility: 'public', disconnected: 0 });
    expect((await get(`/pads/${name}`)).status).toBe(200);
    writer.provider.destroy();
  });

  it('never names, to outsiders, the team page a public pad was published into', async () => {
    // A team pad published into a team page, then opened to the public.
    const name = await createPad('Atelier discret', 'equipe');
    const res = await postJson(`/api/pads/${name}/publish`, { title: 'Atelier discret', visibility: 'equipe' }, alice);
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect((await postJson(`/api/pads/${name}/visibility`, { visibility: 'public' }, alice)).status).toBe(200);
    expect(await (await get(`/pads/${name}`, alice)).text()).toContain(url);
    for (const who of [undefined, chloe]) {
      const html = await (await get(`/pads/${name}`, who)).text();
      expect(html).toContain('Atelier discret');
      expect(html).not.toContain(url);
      expect(await (await get('/pads', who)).text()).not.toContain(url);
      for (const api of ['/api/pads', `/api/pads/${name}`]) {
        const body = await (await get(api, who)).text();
        expect(body, api).toContain('Atelier discret');
        expect(body, api).not.toContain(url.split('/').pop());
      }
    }
    // Publishing it again into a team page would rename the public pad after that page.
    const again = await postJson(`/api/pads/${name}/publish`, { title: 'Compte-rendu Zibeline' }, alice);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('InvalidInput');
    expect((await gare.hub.pads.getMeta(name))?.title).toBe('Atelier discret');
  });
});
