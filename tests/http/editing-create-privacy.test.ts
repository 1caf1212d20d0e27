import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../server/access/viewer.ts';
import { defaultVisibility, pageTypes } from '../../server/wiki/schema.ts';
import { clientFor, gitShow } from '../editing/http-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
const sessions = new Map<Role, TestSession | undefined>();

beforeAll(async () => {
  gare = await startTestHub();
  sessions.set('visiteur', undefined);
  sessions.set('contributeur', await signIn(gare.hub, 'contributeur', 'Léa Contributrice'));
  sessions.set('equipe', await signIn(gare.hub, 'equipe', 'Samia Équipe'));
  sessions.set('admin', await signIn(gare.hub, 'admin'));
});
afterAll(() => gare?.stop());

const head = (): string => execFileSync('git', ['-C', gare.hub.config.contentDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

async function get(url: string, who: TestSession | undefined): Promise<{ status: number; html: string }> {
  const res = await fetch(gare.url + url, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** The `<option>` values of the page type select. */
function typeOptions(html: string): string[] {
  const select = /<select id="champ-type"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!);
}

/** The visibility the editor step offers first: the checked radio, or the only (hidden) value. */
function offeredVisibility(html: string): string | undefined {
  return /name="visibility" value="(\w+)" checked/.exec(html)?.[1] ?? /type="hidden" name="visibility" value="(\w+)"/.exec(html)?.[1];
}

// Contributeurs may start only the types that are public by default; the team starts any.
const mayCreate = (role: Role, type: string): boolean => role === 'equipe' || role === 'admin' || (role === 'contributeur' && defaultVisibility(type) === 'public');

describe('creating a page: nothing written before the person saves, visibility from the type, team types kept for the team', () => {
  for (const role of roles) {
    for (const type of pageTypes) {
      const allowed = mayCreate(role, type);
      it(`${allowed ? 'lets' : 'refuses'} ${role} start a page of type ${type}`, async () => {
        const who = sessions.get(role);
        const title = `Essai ${role} ${type}`;
        const before = head();
        const step = await get(`/nouvelle-page?${new URLSearchParams({ etape: 'ecrire', titre: title, type, template: type })}`, who);
        if (role === 'visiteur') expect(step.status).toBe(303);
        else {
          expect(step.status).toBe(200);
          expect(step.html.includes('data-editor')).toBe(allowed);
          if (allowed) expect(offeredVisibility(step.html)).toBe(defaultVisibility(type));
          else expect(typeOptions(step.html)).not.toContain(type);
        }
        // Opening the editor wrote nothing.
        expect(head()).toBe(before);

        const saved = await clientFor(gare, who).post('/api/pages/save', { title, type, visibility: defaultVisibility(type), body: `Texte écrit par ${role}.\n` });
        // A visitor has no session, hence no CSRF token: refused before any rule (403).
        const expected = role === 'visiteur' ? 403 : !allowed ? 403 : role === 'contributeur' && type === 'tutoriel' ? 202 : 200;
        expect(saved.status).toBe(expected);
        if (expected === 200) {
          expect(gitShow(gare.hub.config.contentDir, saved.json.path)).toContain(`visibility: ${defaultVisibility(type)}`);
          expect(gitShow(gare.hub.config.contentDir, saved.json.path)).toContain(`Texte écrit par ${role}.`);
        } else if (expected !== 202) expect(head()).toBe(before);
      });
    }
  }

  it('refuses a contributeur making public a page of a team type, through every door', async () => {
    const contributor = clientFor(gare, sessions.get('contributeur'));
    const before = head();
    const asked = { title: 'Suivi de Madame Exemple', type: 'accompagnement', visibility: 'public', body: 'Données personnelles.\n' };
    expect((await contributor.post('/api/pages/save', asked)).status).toBe(403);
    const created = await contributor.post('/api/pages/create', { title: asked.title, type: 'accompagnement' });
    expect(created.status).toBe(403);
    expect(created.json.error.code).toBe('Forbidden');
    expect((await contributor.post('/api/pages/create', { ...asked })).status).toBe(403);
    expect(head()).toBe(before);
    // The team may, when it says so.
    expect((await clientFor(gare, sessions.get('equipe')).post('/api/pages/save', { ...asked, title: 'Accompagnement rendu public' })).status).toBe(200);
  });

  it('offers a contributeur only the types they may start, public by default', async () => {
    const { html } = await get('/nouvelle-page?type=accompagnement', sessions.get('contributeur'));
    expect(typeOptions(html)).toEqual(['tutoriel', 'ressource', 'agenda']);
    // Nor a team type's template.
    expect(html).not.toContain('<option value="compte-rendu"');
    expect(offeredVisibility(html)).toBe('public');
    const team = await get('/nouvelle-page?type=accompagnement', sessions.get('equipe'));
    expect(offeredVisibility(team.html)).toBe('equipe');
  });

  it('refuses to save a new page whose text is still the template’s', async () => {
    const team = sessions.get('equipe')!;
    const title = 'Fiche jamais écrite';
    const step = await get(`/nouvelle-page?${new URLSearchParams({ etape: 'ecrire', titre: title, type: 'ressource', template: 'ressource' })}`, team);
    const body = /<textarea[^>]*data-editor-source[^>]*>([\s\S]*?)<\/textarea>/.exec(step.html)?.[1] ?? '';
    const text = body.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(text.length).toBeGreaterThan(20);
    const before = head();
    const res = await clientFor(gare, team).post('/api/pages/save', { title, type: 'ressource', visibility: 'public', template: 'ressource', body: text });
    expect(res.status).toBe(400);
    expect(head()).toBe(before);
    expect((await clientFor(gare, team).post('/api/pages/save', { title, type: 'ressource', visibility: 'public', template: 'ressource', body: `${text}\nAjouté.\n` })).status).toBe(200);
  });

  it('creates the page from the editor’s plain form (no JavaScript) only when it is posted', async () => {
    const team = sessions.get('equipe')!;
    const res = await fetch(gare.url + '/api/pages/save', {
      method: 'POST',
      headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: team.csrf, title: 'Compte-rendu sans script', type: 'compte-rendu', tags: 'essai', visibility: 'equipe', body: 'Notre texte.\n', message: '' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/wiki\/comptes-rendus\/compte-rendu-sans-script\?ok=/);
    expect(gitShow(gare.hub.config.contentDir, 'comptes-rendus/compte-rendu-sans-script.md')).toContain('visibility: equipe');
  });
});

describe('changing the type of an existing page', () => {
  it('refuses a contributeur who turns a public page into an accompaniment file, and lets the team do it', async () => {
    const page = gare.hub
      .forViewer({ role: 'equipe', person: undefined, sessionId: undefined, csrf: undefined, groups: [] })
      .pages()
      .find((p) => p.meta.visibility === 'public' && p.meta.type === 'ressource' && !p.path.startsWith('tutoriels/'));
    expect(page).toBeDefined();
    const fields = { path: page!.path, title: page!.meta.title, tags: page!.meta.tags, visibility: 'public', summary: page!.meta.summary, body: (await gare.hub.index.pageSource(page!))!.body, baseVersion: head() };
    const before = head();
    const contributor = clientFor(gare, sessions.get('contributeur'));
    expect((await contributor.post('/api/pages/save', { ...fields, type: 'accompagnement' })).status).toBe(403);
    expect(head()).toBe(before);
    // The same save without the type change is the contributeur's to make.
    expect((await contributor.post('/api/pages/save', { ...fields, type: 'ressource', body: `${(await gare.hub.index.pageSource(page!))!.body}\nUne ligne de plus.\n` })).status).toBe(200);
    const team = clientFor(gare, sessions.get('equipe'));
    expect((await team.post('/api/pages/save', { ...fields, type: 'accompagnement', baseVersion: head() })).status).toBe(200);
  });
});
