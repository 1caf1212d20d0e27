import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let admin: TestSession;
let team: TestSession;
let contributor: TestSession;
let other: TestSession;

beforeAll(async () => {
  gare = await startTestHub();
  admin = await signIn(gare.hub, 'admin');
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  other = await signIn(gare.hub, 'contributeur', 'Omar Autre');
});
afterAll(() => gare?.stop());

/** GET as someone (or a visitor), without following redirects. */
async function page(url: string, who?: TestSession): Promise<{ status: number; html: string; location: string | null }> {
  const res = await fetch(gare.url + url, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}

/** A plain HTML form post (urlencoded, token in the body as the site's forms send it). */
async function form(url: string, who: TestSession, fields: Record<string, string>): Promise<{ status: number; location: string | null }> {
  const res = await fetch(gare.url + url, {
    method: 'POST',
    headers: { cookie: who.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
    redirect: 'manual',
  });
  await res.body?.cancel();
  return { status: res.status, location: res.headers.get('location') };
}

/** A public page in a reviewed section, and a contributor's form-posted edit of it (returns the proposal page). */
async function proposeEdit(title: string, before: string, after: string): Promise<{ path: string; url: string }> {
  const created = await clientFor(gare, team).post('/api/pages/create', { title, type: 'ressource', tags: ['essai'], visibility: 'public', body: before });
  const version = (await clientFor(gare, contributor).get(`/api/pages/${created.json.path.slice(0, -3)}`)).json.version as string;
  const res = await form('/api/pages/save', contributor, { path: created.json.path, title, type: 'ressource', tags: 'essai', visibility: 'public', body: after, baseVersion: version });
  expect(res.status).toBe(303);
  return { path: created.json.path, url: res.location ?? '' };
}

describe('the proposal pages', () => {
  it('let an admin choose the reviewed sections from the list page', async () => {
    const res = await form('/api/review/settings', admin, { sections: 'ressources, Tutoriels' });
    expect(res.status).toBe(303);
    expect(gitShow(gare.hub.config.contentDir, '_gare/relecture.yml')).toMatch(/ressources, tutoriels/);
    const list = await page('/propositions', admin);
    expect(list.html).toContain('Ressources, Tutoriels');
    expect(list.html).toContain('name="sections"');
    expect((await page('/propositions', team)).html).not.toContain('name="sections"');
  });

  it('send a contributor’s form save to their proposal, with the waiting message', async () => {
    const { url, path } = await proposeEdit('Fiche du formulaire', 'Ancien paragraphe.\n', 'Paragraphe réécrit par Léa.\n');
    expect(url).toMatch(/^\/propositions\/[a-z0-9-]+\?ok=/);
    const shown = await page(url, contributor);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Votre proposition attend la relecture de l’équipe');
    expect(shown.html).toContain('Paragraphe réécrit par Léa.');
    expect(shown.html).not.toContain('Accepter la proposition');
    const publicPage = await page(`/wiki/${path.slice(0, -3)}`);
    expect(publicPage.html).toContain('Ancien paragraphe.');
    expect(publicPage.html).not.toContain('réécrit par Léa');
  });

  it('never show a proposal to a visitor or to another contributor', async () => {
    const { url } = await proposeEdit('Fiche discrète', 'Texte.\n', 'Texte secret de proposition.\n');
    const bare = url.split('?')[0] ?? '';
    const visitor = await page(bare);
    expect(visitor.status).toBe(303);
    expect(visitor.location).toMatch(/^\/connexion/);
    expect((await page('/propositions')).status).toBe(303);
    const stranger = await page(bare, other);
    expect(stranger.status).toBe(404);
    expect(stranger.html).not.toContain('Texte secret');
    expect((await page('/propositions', other)).html).not.toContain('Fiche discrète');
    expect((await page('/propositions', contributor)).html).toContain('Fiche discrète');
  });

  it('show the team the queue and a side-by-side diff, and accept from the form', async () => {
    const { url, path } = await proposeEdit('Fiche à accepter', 'Première version.\n', 'Seconde version.\n');
    const bare = url.split('?')[0] ?? '';
    const list = await page('/propositions', team);
    expect(list.html).toContain('Fiche à accepter');
    expect(list.html).toContain('Léa Contributrice');
    const shown = await page(bare, team);
    expect(shown.html).toMatch(/<tr class="diff-changed"[^>]*>[\s\S]*Première version\.[\s\S]*Seconde version\./);
    expect(shown.html).toContain(`name="_csrf" value="${team.csrf}"`);
    const accepted = await form(`/api/${bare.slice(1).replace('propositions', 'proposals')}/accept`, team, {});
    expect(accepted.status).toBe(303);
    expect(accepted.location).toMatch(new RegExp(`^${bare}\\?ok=`));
    expect((await page(bare, contributor)).html).toContain('Acceptée');
    expect((await page(`/wiki/${path.slice(0, -3)}`)).html).toContain('Seconde version.');
  });

  it('reject from the form with a reason the contributor then reads', async () => {
    const { url } = await proposeEdit('Fiche à refuser', 'Juste.\n', 'Faux.\n');
    const bare = url.split('?')[0] ?? '';
    const rejected = await form(`/api/${bare.slice(1).replace('propositions', 'proposals')}/reject`, team, { reason: 'Source introuvable, merci de la citer.' });
    expect(rejected.status).toBe(303);
    expect(rejected.location).toMatch(/^\/propositions\?ok=/);
    const shown = await page(bare, contributor);
    expect(shown.html).toContain('Refusée');
    expect(shown.html).toContain('Source introuvable, merci de la citer.');
  });
});
