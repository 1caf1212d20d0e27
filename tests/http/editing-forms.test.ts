import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';

let gare: TestHub;
let team: TestSession;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Nadia Sans-Script');
});
afterAll(() => gare?.stop());

/** Posts a plain HTML form, as a browser without JavaScript does. */
function postForm(path: string, fields: Record<string, string>) {
  return fetch(gare.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: team.csrf, ...fields }),
  });
}

async function versionOf(slug: string): Promise<string> {
  return ((await (await fetch(`${gare.url}/api/pages/${slug}`, { headers: { cookie: team.cookie } })).json()) as { version: string }).version;
}

describe('the editor without JavaScript', () => {
  it('saves a form and goes back to the page with a confirmation', async () => {
    const page = gare.hub.index.all().find((p) => p.meta.type === 'ressource')!;
    const res = await postForm('/api/pages/save', {
      path: page.path, title: page.meta.title, type: 'ressource', tags: page.meta.tags.join(', '), visibility: 'public',
      body: `${(await gare.hub.index.pageSource(page))!.body}\nUn paragraphe ajouté sans JavaScript.\n`, baseVersion: await versionOf(page.slug), retour: `/modifier/${page.slug}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${page.url}\\?ok=`));
    expect(await (await fetch(gare.url + page.url)).text()).toContain('Un paragraphe ajouté sans JavaScript.');
  });

  it('answers an overlapping edit with a page holding both versions and the typed text', async () => {
    const page = gare.hub.index.all().find((p) => p.meta.type === 'tutoriel')!;
    const base = await versionOf(page.slug);
    const fields = { path: page.path, title: page.meta.title, type: 'tutoriel', tags: page.meta.tags.join(', '), visibility: 'public', retour: `/modifier/${page.slug}` };
    const first = await postForm('/api/pages/save', { ...fields, body: 'Première ligne réécrite par Alice.\n', baseVersion: base });
    expect(first.status).toBe(303);
    const second = await postForm('/api/pages/save', { ...fields, body: 'Première ligne réécrite par Nadia, hors ligne.\n', baseVersion: base });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('La page a changé pendant que vous l’écriviez');
    expect(html).toContain('Première ligne réécrite par Nadia, hors ligne.');
    expect(html).toContain('Première ligne réécrite par Alice.');
    expect(await (await fetch(gare.url + page.url)).text()).toContain('Première ligne réécrite par Alice.');
  });

  it('sends a refused form back to its page with the reason', async () => {
    const res = await postForm('/api/pages/save', { title: '', type: 'ressource', body: 'x', retour: '/nouvelle-page' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/nouvelle-page\?erreur=/);
  });
});
