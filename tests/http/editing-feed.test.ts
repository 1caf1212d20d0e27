import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  const as = clientFor(gare, team);
  await as.post('/api/pages/create', { title: 'Fiche vélo partagé', type: 'ressource', tags: ['Mobilité'], visibility: 'public', message: 'Nouvelle fiche mobilité' });
  await as.post('/api/pages/create', { title: 'Dossier Kévin Secret', type: 'accompagnement', tags: ['Mobilité'], message: 'Ouverture du dossier Kévin Secret' });
  // A commit touching both kinds of page, whose message names the team page.
  await gare.hub.commits.commitFiles({
    changes: [
      { path: 'ressources/fiche-velo-partage.md', content: '---\ntitle: Fiche vélo partagé\ntype: ressource\ntags: [Mobilité]\nvisibility: public\n---\n\nMise à jour.\n' },
      { path: 'accompagnements/dossier-kevin-secret.md', content: '---\ntitle: Dossier Kévin Secret\ntype: accompagnement\ntags: [Mobilité]\n---\n\nSuite.\n' },
    ],
    author: { name: 'Terminal', email: 't@localhost' },
    message: 'Relecture du Dossier Kévin Secret et de la fiche vélo',
  });
  await gare.hub.sync();
});
afterAll(() => gare?.stop());

describe('recent changes', () => {
  it('gives visitors an Atom feed of public pages without any team title', async () => {
    const res = await fetch(`${gare.url}/api/feed.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('<title>Fiche vélo partagé</title>');
    expect(xml).not.toContain('Kévin');
    expect(xml).not.toMatch(/accompagnements\//);
  });

  it('shows the team everything, with the real messages', async () => {
    const xml = await (await fetch(`${gare.url}/api/feed.xml`, { headers: { cookie: team.cookie } })).text();
    expect(xml).toContain('Dossier Kévin Secret');
    expect(xml).toContain('Relecture du Dossier Kévin Secret et de la fiche vélo');
  });

  it('filters the feed by tag', async () => {
    const xml = await (await fetch(`${gare.url}/api/feed.xml?tag=mobilite`)).text();
    expect(xml).toContain('Dernières modifications : Mobilité');
    const titles = [...xml.matchAll(/<entry>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles)).toEqual(new Set(['Fiche vélo partagé']));
  });

  it('lists changes as JSON filtered by author, type, tag and date', async () => {
    const visitor = await clientFor(gare).get('/api/changes?limit=5');
    expect(visitor.status).toBe(200);
    expect(JSON.stringify(visitor.json)).not.toContain('Kévin');
    expect(visitor.json.changes[0].pages[0]).toMatchObject({ path: 'ressources/fiche-velo-partage.md', title: 'Fiche vélo partagé', exists: true });
    // The sample wiki's own history has a Samia Haddad: the full name tells the two apart.
    const byAuthor = await clientFor(gare, team).get('/api/changes?author=samia%20benali');
    expect(byAuthor.json.changes.map((c: { message: string }) => c.message)).toEqual(['Ouverture du dossier Kévin Secret', 'Nouvelle fiche mobilité']);
    const byType = await clientFor(gare, team).get('/api/changes?type=accompagnement&tag=Mobilité');
    expect(byType.json.changes.every((c: { pages: { type: string }[] }) => c.pages.every((p) => p.type === 'accompagnement'))).toBe(true);
    const messages = byType.json.changes.map((c: { message: string }) => c.message);
    expect(messages).toEqual(expect.arrayContaining(['Relecture du Dossier Kévin Secret et de la fiche vélo', 'Ouverture du dossier Kévin Secret']));
    expect(messages).not.toContain('Nouvelle fiche mobilité');
    const future = await clientFor(gare, team).get('/api/changes?since=2999-01-01');
    expect(future.json.changes).toEqual([]);
    expect((await clientFor(gare).get('/api/changes?since=hier')).status).toBe(400);
  });
});
