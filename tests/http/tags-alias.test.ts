import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;
let contributor: TestSession;
let dir: string;

const files = {
  'ressources/emploi-public.md': '---\ntitle: Trouver un emploi local\ntype: ressource\ntags: [Emploi local]\nvisibility: public\n---\n\nUne fiche publique.\n',
  'ressources/fiche-chomage.md': '---\ntitle: Fiche chômage\ntype: ressource\ntags: [Chômage, CAE]\nvisibility: public\n---\n\nDroits au chômage.\n',
  'comptes-rendus/dossier-zephyrin.md': '---\ntitle: Entretien Zéphyrin Canari\ntype: compte-rendu\ntags: [Dossier Zéphyrin Canari, CAE]\nvisibility: equipe\n---\n\nNotes privées sur Zéphyrin.\n',
};

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  contributor = await signIn(gare.hub, 'contributeur', 'Paul Bénévole');
  dir = gare.hub.config.contentDir;
  const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
  await gare.hub.commits.commitFiles({ changes, author: { name: 'Terminal', email: 't@localhost' }, message: 'pages de test' });
  await gare.hub.sync();
});
afterAll(() => gare?.stop());

const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const changedFiles = () => git('diff', '--name-only', 'HEAD~1', 'HEAD').split('\n').sort();
const page = (path: string, cookie?: string) => fetch(gare.url + path, cookie ? { headers: { cookie } } : {});
const html = async (path: string, cookie?: string) => (await page(path, cookie)).text();

describe('aliases without renaming', () => {
  it('shows an old name under the tag of reference and rewrites no page', async () => {
    const res = await clientFor(gare, team).post('/api/tags/alias', { from: 'Chômage', to: 'emploi local' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ from: 'Chômage', tag: { key: 'emploi-local', label: 'Emploi local', url: '/tags/emploi-local' } });
    expect(gitLog(dir, '-1')).toEqual(['Samia Benali|Alias d’étiquette : « Chômage » → « Emploi local »']);
    expect(changedFiles()).toEqual(['_gare/tags.yml']);
    expect(gitShow(dir, 'ressources/fiche-chomage.md')).toBe(files['ressources/fiche-chomage.md']);
    const tagPage = await html('/tags/emploi-local');
    expect(tagPage).toContain('href="/wiki/ressources/fiche-chomage"');
    expect(tagPage).toContain('href="/wiki/ressources/emploi-public"');
    expect(await html('/tags/chomage')).toContain('Chômage → désormais Emploi local');
  });

  it('lists aliases with a removal button for the team only', async () => {
    const teamView = await html('/tags', team.cookie);
    expect(teamView).toContain('Alias d’étiquettes');
    expect(teamView).toContain('aria-label="Supprimer l’alias « Chômage »"');
    expect(teamView).toContain('action="/api/tags/alias/delete"');
    expect(teamView).toContain(`name="_csrf" value="${team.csrf}"`);
    for (const cookie of [contributor.cookie, undefined]) {
      const view = await html('/tags', cookie);
      expect(view).not.toContain('Supprimer l’alias');
      expect(view).toContain('Chômage');
    }
  });

  it('removes an alias from a form, and the old name is a tag of its own again', async () => {
    const res = await fetch(`${gare.url}/api/tags/alias/delete`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: team.csrf, from: 'Chômage', retour: '/tags' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/tags\?ok=/);
    expect(changedFiles()).toEqual(['_gare/tags.yml']);
    expect(gitShow(dir, '_gare/tags.yml')).not.toContain('Chômage');
    expect(gitShow(dir, '_gare/tags.yml')).toContain('Pôle Emploi: France Travail');
    expect(await html('/tags/chomage')).not.toContain('désormais');
    expect(await html('/tags/emploi-local')).not.toContain('href="/wiki/ressources/fiche-chomage"');
    const again = await clientFor(gare, team).post('/api/tags/alias/delete', { from: 'chomage' });
    expect(again.status).toBe(404);
    const same = await clientFor(gare, team).post('/api/tags/alias', { from: 'Emploi-Local', to: 'emploi local' });
    expect(same.status).toBe(400);
  });
});

describe('privacy of a rename', () => {
  it('counts team pages for the team, and shows visitors nothing but the public pages’ new tags', async () => {
    const res = await clientFor(gare, team).post('/api/tags/rename', { from: 'Dossier Zéphyrin Canari', to: 'Emploi local' });
    expect(res.json).toMatchObject({ renamed: 1, tag: { key: 'emploi-local' } });
    expect(gitShow(dir, 'comptes-rendus/dossier-zephyrin.md')).toContain('tags: [Emploi local, CAE]');
    expect(await html('/tags/dossier-zephyrin-canari', team.cookie)).toContain('Dossier Zéphyrin Canari → désormais Emploi local');

    const visitorPaths = ['/tags', '/tags/emploi-local', '/tags/dossier-zephyrin-canari', '/modifications', '/api/changes', '/api/feed.xml', '/api/pages', '/recherche?q=Emploi'];
    for (const path of visitorPaths) {
      for (const cookie of [undefined, contributor.cookie]) {
        const text = await html(path, cookie);
        expect(text, path).not.toMatch(/Zéphyrin|Canari|renommée en/);
      }
    }
    const oldLink = await page('/tags/dossier-zephyrin-canari');
    expect(oldLink.status).toBe(200);
    expect(await oldLink.text()).toContain('Cette adresse mène désormais à l’étiquette « Emploi local »');
    const tagPage = await html('/tags/emploi-local');
    expect(tagPage).toContain('href="/wiki/ressources/emploi-public"');
    expect(tagPage).toContain('1 page porte');
    const found = gare.hub.search.serverSearch({ query: '', audience: 'public', tags: ['Emploi local'] });
    expect(found.results.map((r) => r.url)).toEqual(['/wiki/ressources/emploi-public']);
    const teamFound = gare.hub.search.serverSearch({ query: '', audience: 'equipe', tags: ['Emploi local'] });
    expect(teamFound.results.map((r) => r.url)).toContain('/wiki/comptes-rendus/dossier-zephyrin');
  });
});
