import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let admin: TestSession;
let team: TestSession;

const git = (...args: string[]) => execFileSync('git', ['-C', gare.hub.config.contentDir, ...args], { encoding: 'utf8' }).trim();
const get = (p: string, who?: TestSession) => fetch(gare.url + p, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} });
const post = (p: string, fields: Record<string, string>, who: TestSession = admin) =>
  fetch(gare.url + p, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: who.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const location = (res: Response) => new URL(res.headers.get('location') ?? '', 'http://x');
const rows = (html: string) => [...html.matchAll(/<tr[^>]*>\s*<th scope="row"[^>]*>([^<]+)/g)].map((m) => m[1]?.trim());

beforeAll(async () => {
  gare = await startTestHub();
  admin = await signIn(gare.hub, 'admin');
  team = await signIn(gare.hub, 'equipe', 'Théo Équipe');
  // 2,000 accounts straight in the database: an organisation of ordinary size.
  await gare.hub.accounts.sql.transaction(async (tx) => {
    for (let i = 0; i < 2000; i++) {
      await tx.run("INSERT INTO people (id, name, email, role, active, password_hash, created_at) VALUES (?, ?, ?, 'equipe', 1, 'x', 0)", [`agent-${i}`, `Agent ${String(i).padStart(4, '0')}`, `agent${i}@mairie.example`]);
    }
  });
});
afterAll(() => gare?.stop());

describe('people, 50 per page', () => {
  it('pages and searches 2,000 people on the server, and keeps the search from page to page', async () => {
    const first = await (await get('/admin/personnes', admin)).text();
    expect(rows(first)).toHaveLength(50);
    expect(rows(first)[0]).toBe('Agent 0000');
    expect(first).toContain('Page 1 sur 41');
    const second = await (await get('/admin/personnes?page=2', admin)).text();
    expect(rows(second)[0]).toBe('Agent 0050');

    // agent12@, agent120@ to agent129@, agent1200@ to agent1299@: 111 people, 3 pages.
    const found = await (await get('/admin/personnes?q=agent12', admin)).text();
    expect(rows(found)).toHaveLength(50);
    expect(found).toContain('Page 1 sur 3');
    expect(found).toContain('href="/admin/personnes?q=agent12&amp;page=2"');
    const third = await (await get('/admin/personnes?q=agent12&page=3', admin)).text();
    expect(rows(third)).toHaveLength(11);
    const one = await (await get(`/admin/personnes?q=${encodeURIComponent('agent1234@')}`, admin)).text();
    expect(rows(one)).toEqual(['Agent 1234']);
    expect(await (await get('/admin/personnes?page=99', admin)).text()).toContain('au-delà de la fin de la liste');
    const none = await (await get('/admin/personnes?q=zzz', admin)).text();
    expect(none).toContain('Personne ne correspond à « zzz »');

    const json = (await (await get('/api/admin/people?q=agent&page=40', admin)).json()) as { total: number; items: unknown[] };
    expect(json).toMatchObject({ total: 2000, page: 40, size: 50 });
    expect(json.items).toHaveLength(50);
  });

  it('changes a role from the people page and comes back to the same page and search', async () => {
    const res = await post('/api/people/agent-1234/role', { role: 'contributeur', retour: '/admin/personnes?q=agent1234' });
    expect(res.status).toBe(303);
    expect(location(res).pathname + '?q=' + location(res).searchParams.get('q')).toBe('/admin/personnes?q=agent1234');
    expect(location(res).searchParams.get('ok')).toContain('Contributeur');
    const elsewhere = await post('/api/people/agent-1234/role', { role: 'equipe', retour: 'https://evil.example/admin' });
    expect(location(elsewhere).pathname).toBe('/admin');
  });

  it('keeps every admin page and route to admins: login for a visitor, 403 for the team', async () => {
    for (const p of ['/admin', '/admin/personnes', '/admin/groupes', '/admin/droits', '/admin/journal']) {
      expect((await get(p)).status).toBe(302);
      const refused = await get(p, team);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Accès refusé');
    }
    for (const p of ['/api/admin/people', '/api/admin/groups', '/api/admin/audit', '/api/admin/invitations']) {
      expect((await get(p)).status).toBe(401);
      expect((await get(p, team)).status).toBe(403);
    }
    expect((await post('/api/admin/groups', { name: 'Pirates' }, team)).status).toBe(303);
    expect((await gare.hub.accounts.listGroups()).map((g) => g.name)).not.toContain('Pirates');
    const forged = await fetch(gare.url + '/api/admin/groups', {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Sans jeton' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await gare.hub.accounts.listGroups()).map((g) => g.name)).not.toContain('Sans jeton');
  });
});

describe('groups', () => {
  it('creates, fills, renames and deletes a group from forms, each step in the journal', async () => {
    const created = await post('/api/admin/groups', { name: 'Accompagnement' });
    expect(created.status).toBe(303);
    const groupPath = location(created).pathname;
    expect(groupPath).toMatch(/^\/admin\/groupes\/[\w-]+$/);
    const id = groupPath.split('/').pop() ?? '';
    const taken = await post('/api/admin/groups', { name: 'accompagnement' });
    expect(location(taken).searchParams.get('erreur')).toContain('déjà ce nom');

    const search = await (await get(`${groupPath}?q=agent42@`, admin)).text();
    expect(search).toContain('Agent 0042');
    const added = await post(`/api/admin/groups/${id}/members`, { userId: 'agent-42', retour: `${groupPath}?q=agent42@` });
    expect(location(added).pathname).toBe(groupPath);
    await post(`/api/admin/groups/${id}/members`, { userId: team.id });
    const page = await (await get(groupPath, admin)).text();
    expect(rows(page)).toEqual(['Agent 0042', 'Théo Équipe']);
    expect(await (await get('/admin/personnes?q=agent42@', admin)).text()).toContain('Accompagnement');

    await post(`/api/admin/groups/${id}/members/agent-42/remove`, {});
    expect(rows(await (await get(groupPath, admin)).text())).toEqual(['Théo Équipe']);
    await post(`/api/admin/groups/${id}/rename`, { name: 'Accompagnement social' });
    expect(await (await get('/admin/groupes', admin)).text()).toContain('Accompagnement social');

    const unconfirmed = await post(`/api/admin/groups/${id}/delete`, {});
    expect(location(unconfirmed).searchParams.get('erreur')).toContain('non confirmée');
    expect(await (await get(`${groupPath}?supprimer=1`, admin)).text()).toContain('Oui, supprimer le groupe');
    const deleted = await post(`/api/admin/groups/${id}/delete`, { confirmer: 'oui' });
    expect(location(deleted).pathname).toBe('/admin/groupes');
    expect((await get(groupPath, admin)).status).toBe(404);

    const journal = await (await get('/admin/journal', admin)).text();
    for (const label of ['Groupe créé', 'Membre ajouté', 'Membre retiré', 'Groupe renommé', 'Groupe supprimé', 'Rôle changé']) expect(journal).toContain(label);
    const audit = (await (await get('/api/admin/audit', admin)).json()) as { items: { action: string }[] };
    expect(audit.items[0]?.action).toBe('group.delete');
  });
});

describe('rights per section', () => {
  it('commits _gare/acces.yml readably, refuses unknown groups and stale pages, and journals the change', async () => {
    await post('/api/admin/groups', { name: 'Direction des sports' });
    const form = await (await get('/admin/droits', admin)).text();
    const base = /name="baseVersion" value="([0-9a-f]{40})"/.exec(form)?.[1] ?? '';
    expect(base).toBe(git('rev-parse', 'HEAD'));
    expect(form).toContain('name="lecture:ressources"');

    const unknown = await post('/api/admin/access', { baseVersion: base, 'lecture:ressources': 'Direction des sports, Fantômes' });
    expect(location(unknown).pathname).toBe('/admin/droits');
    expect(location(unknown).searchParams.get('erreur')).toContain('Groupe inconnu : « Fantômes »');
    expect(git('rev-parse', 'HEAD')).toBe(base);

    const saved = await post('/api/admin/access', { baseVersion: base, 'lecture:ressources': 'direction des SPORTS', 'ecriture:ressources': '', 'lecture:agenda': '' });
    expect(location(saved).searchParams.get('ok')).toContain('Droits enregistrés (ressources)');
    expect(git('log', '-1', '--format=%an|%s')).toBe(`${admin.name}|Droits : ressources mis à jour`);
    const file = git('show', 'HEAD:_gare/acces.yml');
    expect(file).toMatch(/^# Droits par rubrique/);
    expect(file).toContain('rubriques:\n  ressources:\n    lecture: [Direction des sports]');

    const stale = await post('/api/admin/access', { baseVersion: base, 'lecture:agenda': 'Direction des sports' });
    expect(location(stale).searchParams.get('erreur')).toContain('modifiés par quelqu’un d’autre');
    expect(git('show', 'HEAD:_gare/acces.yml')).toBe(file);

    const audit = (await (await get('/api/admin/audit', admin)).json()) as { items: { action: string; target: string; detail: string }[] };
    expect(audit.items[0]).toMatchObject({ action: 'access.edit', target: 'ressources' });
    expect(audit.items[0]?.detail).toContain('lecture : Direction des sports');
    expect(await (await get('/admin/droits', admin)).text()).toContain('value="Direction des sports"');
  });
});

describe('invitations', () => {
  it('lists a pending invitation on the overview and revokes it', async () => {
    const { token } = await gare.hub.accounts.createInvitation({ role: 'equipe', invitedBy: admin.id, email: 'zoe@mairie.example' });
    const overview = await (await get('/admin', admin)).text();
    const action = /action="(\/api\/admin\/invitations\/[^"]+\/revoke)"/.exec(overview)?.[1] ?? '';
    expect(overview).toContain('zoe@mairie.example');
    const res = await post(action, { retour: '/admin' });
    expect(location(res).searchParams.get('ok')).toContain('zoe@mairie.example révoquée');
    expect(await (await get('/admin', admin)).text()).not.toContain('pour zoe@mairie.example');
    await expect(gare.hub.accounts.acceptInvitation({ token, name: 'Zoé', email: 'zoe@mairie.example', password: 'un long mot de passe' })).rejects.toMatchObject({ code: 'InvalidToken' });
  });
});
