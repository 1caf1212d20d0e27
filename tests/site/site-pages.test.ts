import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';

let gare: TestHub;
let team: TestSession;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe');
});
afterAll(() => gare?.stop());

const get = (p: string, cookie?: string) => fetch(gare.url + p, cookie ? { headers: { cookie } } : {});
const teamPages = () => gare.hub.index.all().filter((p) => p.meta.visibility === 'equipe');
const publicPages = () => gare.hub.index.all().filter((p) => p.meta.visibility === 'public');

/** Every site address a visitor can reach from the portal, the lists and the public pages. */
async function visitorPages(): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = ['/', '/sommaire', '/tags', '/recherche?q=CAE', '/recherche?tag=CAE', '/recherche?q=statut', '/a-corriger', '/aide'];
  for (const p of publicPages()) queue.push(p.url);
  while (queue.length > 0 && seen.size < 200) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    const html = await (await get(next)).text();
    seen.set(next, html);
    for (const m of html.matchAll(/href="(\/(?:tags|wiki)\/[^"#]*)"/g)) if (m[1] && !seen.has(m[1])) queue.push(m[1]);
  }
  return seen;
}

describe('the site, for a visitor', () => {
  it('never shows a team page title, in any list, tag page, search result or page', async () => {
    const pages = await visitorPages();
    expect(pages.size).toBeGreaterThan(10);
    const secrets = teamPages().map((p) => p.meta.title);
    expect(secrets.length).toBeGreaterThan(0);
    for (const [url, html] of pages) {
      for (const title of secrets) expect(html.includes(`>${title}<`), `${title} shown on ${url}`).toBe(false);
      for (const page of teamPages()) expect(html.includes(`href="${page.url}"`), `${page.url} linked from ${url}`).toBe(false);
    }
  });

  it('counts a tag over public pages only', async () => {
    const html = await (await get('/tags/cae')).text();
    const shown = publicPages().filter((p) => gare.hub.index.hasTag(p, 'cae' as never)).length;
    expect(html).toContain(shown <= 1 ? `${shown} page porte` : `${shown} pages portent`);
  });

  it('answers a team page with the same 404 as a page that does not exist', async () => {
    const secret = teamPages()[0]!;
    const res = await get(secret.url);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page introuvable');
    expect(html).not.toContain(secret.meta.title);
    expect((await get('/wiki/cette-page-n-existe-pas')).status).toBe(404);
  });

  it('hides the pages to fix and the edit links', async () => {
    expect((await get('/a-corriger')).status).toBe(404);
    const html = await (await get(publicPages()[0]!.url)).text();
    expect(html).not.toContain('href="/modifier/');
    expect(html).toContain('Se connecter');
  });

  it('credits the authors of a public page from its history, under its licence', async () => {
    const page = publicPages().find((p) => p.meta.type === 'ressource')!;
    const html = await (await get(page.url)).text();
    const authors = gare.hub.history.authorsOf(page.path).map((a) => a.name);
    expect(authors.length).toBeGreaterThan(0);
    expect(html).toContain(authors[0]!);
    expect(html).toContain('Mise à jour le');
    expect(html).toContain('Ce contenu est sous licence CC BY-SA 4.0');
  });

  it('answers an unknown tag with a French 404', async () => {
    const res = await get('/tags/etiquette-inconnue');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Étiquette introuvable');
  });

  it('renders every page without inline styles or inline scripts', async () => {
    for (const p of ['/', '/sommaire', '/tags', '/recherche?q=pad', '/aide', '/aide/ecrire', '/aide/reunions', publicPages()[0]!.url]) {
      const html = await (await get(p)).text();
      expect(html, p).not.toMatch(/\sstyle="/);
      expect(html, p).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, p).not.toMatch(/<style[\s>]/);
    }
  });
});

describe('the site, for the team', () => {
  it('lists team pages in the sommaire with the « Équipe uniquement » mark', async () => {
    const html = await (await get('/sommaire', team.cookie)).text();
    const secret = teamPages()[0]!;
    expect(html).toContain(`href="${secret.url}"`);
    expect(html).toContain('Équipe uniquement');
  });

  it('shows a team page with its edit and history links', async () => {
    const secret = teamPages()[0]!;
    const res = await get(secret.url, team.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(secret.meta.title);
    expect(html).toContain(`href="/modifier/${secret.slug}"`);
    expect(html).toContain(`href="/historique/${secret.slug}"`);
  });

  it('shows an old tag name as renamed, with the pages of the new one', async () => {
    const html = await (await get('/tags/pole-emploi', team.cookie)).text();
    expect(html).toContain('Pôle Emploi → désormais France Travail');
  });

  it('opens the pages to fix', async () => {
    const res = await get('/a-corriger', team.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Pages à corriger');
  });
});
