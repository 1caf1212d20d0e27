import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;
let contributor: TestSession;
let dir: string;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  contributor = await signIn(gare.hub, 'contributeur', 'Paul Bénévole');
  dir = gare.hub.config.contentDir;
});
afterAll(() => gare?.stop());

const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const head = () => git('rev-parse', 'HEAD');
const changedFiles = () => git('diff', '--name-only', 'HEAD~1', 'HEAD').split('\n').sort();
const page = (path: string, cookie?: string) => fetch(gare.url + path, cookie ? { headers: { cookie } } : {});
const carrying = (key: string) => gare.hub.index.all().filter((p) => p.tagKeys.includes(key as never));

async function seed(files: Record<string, string>): Promise<void> {
  const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
  await gare.hub.commits.commitFiles({ changes, author: { name: 'Terminal', email: 't@localhost' }, message: 'pages de test' });
  await gare.hub.sync();
}

/** Lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe('renaming a tag', () => {
  it('rewrites every page carrying any spelling of it, team pages included, in one commit by the team member', async () => {
    const pages = carrying('pole-emploi');
    expect(pages.some((p) => p.meta.visibility === 'equipe')).toBe(true);
    expect(pages.some((p) => p.meta.visibility === 'public')).toBe(true);
    const before = new Map(pages.map((p) => [p.path, gitShow(dir, p.path)]));
    const start = head();

    const res = await clientFor(gare, team).post('/api/tags/rename', { from: 'pole emploi', to: 'France Travail' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ renamed: pages.length, tag: { key: 'france-travail', label: 'France Travail', url: '/tags/france-travail' } });
    expect(git('rev-parse', 'HEAD~1')).toBe(start);
    expect(gitLog(dir, `${start}..HEAD`)).toEqual([`Samia Benali|Étiquette « Pôle Emploi » renommée en « France Travail » (${pages.length} pages)`]);
    // The sample already has the alias « Pôle Emploi » → « France Travail »: only pages change.
    expect(changedFiles()).toEqual([...before.keys()].sort());
    for (const [path, old] of before) {
      const now = gitShow(dir, path);
      const lines = changedLines(old, now);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^tags: \[.*France Travail.*\]$/);
      expect(lines[0]!.match(/France Travail/g)).toHaveLength(1);
      expect(lines[0]).not.toMatch(/P[ôo]le/i);
    }
    expect(carrying('pole-emploi')).toEqual([]);
  });

  it('keeps old links to the tag page and finds the pages by the new tag in search', async () => {
    const pages = carrying('france-travail');
    const teamHtml = await (await page('/tags/pole-emploi', team.cookie)).text();
    expect(teamHtml).toContain('Pôle Emploi → désormais France Travail');
    for (const p of pages) expect(teamHtml).toContain(`href="${p.url}"`);

    const visitor = await page('/tags/pole-emploi');
    expect(visitor.status).toBe(200);
    const html = await visitor.text();
    expect(html).toContain('France Travail');
    for (const p of pages) expect(html.includes(`href="${p.url}"`)).toBe(p.meta.visibility === 'public');

    const found = gare.hub.search.serverSearch({ query: '', audience: 'equipe', tags: ['France Travail'] });
    expect(found.results.map((r) => r.url).sort()).toEqual(pages.map((p) => p.url).sort());
    // The old name still finds the team's pages; a public page only while it carries the old name
    // itself (its record is the same in both indexes), so visitors find none.
    const teamOnly = pages.filter((p) => p.meta.visibility === 'equipe').map((p) => p.url).sort();
    expect(gare.hub.search.serverSearch({ query: '', audience: 'equipe', tags: ['Pôle Emploi'] }).results.map((r) => r.url).sort()).toEqual(teamOnly);
    expect(gare.hub.search.serverSearch({ query: '', audience: 'public', tags: ['Pôle Emploi'] }).total).toBe(0);
    const open = gare.hub.search.serverSearch({ query: '', audience: 'public', tags: ['France Travail'] });
    expect(open.results.map((r) => r.url).sort()).toEqual(pages.filter((p) => p.meta.visibility === 'public').map((p) => p.url).sort());
  });

  it('changes nothing but the tags lines, drops duplicates, and writes the alias next to the comments', async () => {
    const files = {
      'ressources/fiche-insertion.md': '---\ntitle: "Fiche : insertion"\ntype: ressource\ntags: [Insertion pro, CAE]\nvisibility: public\ndate: 2026-03-12\nsummary:   Une fiche   avec des espaces\n---\n\nLe corps cite tags: [Insertion pro] sans être du front matter.\n',
      'comptes-rendus/suivi-insertion.md': '---\ntitle: Suivi\ntype: compte-rendu\ntags:\n  - insertion-pro\n  - Emploi local\n  - RGPD\nvisibility: equipe\n---\n\n# Suivi\n\nTexte.\n',
      'ressources/double-insertion.md': "---\ntitle: Double\ntype: ressource\ntags: [INSERTION PRO, emploi local, réunion d'équipe]\nvisibility: public\n---\nPas de ligne vide avant ce corps.",
      'ressources/sans-rapport.md': '---\ntitle: Sans rapport\ntype: ressource\ntags: [CAE]\nvisibility: public\n---\n\nRien.\n',
    };
    await seed(files);
    const res = await clientFor(gare, team).post('/api/tags/rename', { from: 'Insertion pro', to: 'Emploi local', keepAlias: true });
    expect(res.json).toMatchObject({ renamed: 3, tag: { key: 'emploi-local', label: 'Emploi local' } });
    expect(gitLog(dir, '-1')).toEqual(['Samia Benali|Étiquette « Insertion pro » renommée en « Emploi local » (3 pages)']);
    expect(changedFiles()).toEqual(['_gare/tags.yml', 'comptes-rendus/suivi-insertion.md', 'ressources/double-insertion.md', 'ressources/fiche-insertion.md']);
    expect(gitShow(dir, 'ressources/fiche-insertion.md')).toBe(files['ressources/fiche-insertion.md'].replace('tags: [Insertion pro, CAE]', 'tags: [Emploi local, CAE]'));
    expect(gitShow(dir, 'comptes-rendus/suivi-insertion.md')).toBe(files['comptes-rendus/suivi-insertion.md'].replace('  - insertion-pro\n  - Emploi local\n', '  - Emploi local\n'));
    expect(gitShow(dir, 'ressources/double-insertion.md')).toBe(files['ressources/double-insertion.md'].replace('INSERTION PRO, emploi local,', 'Emploi local,'));
    const settings = gitShow(dir, '_gare/tags.yml');
    expect(settings).toContain('# Alias de tags');
    expect(settings).toMatch(/alias:\n {2}Pôle Emploi: France Travail\n {2}Insertion pro: Emploi local\n/);
    expect(gare.hub.index.aliases).toMatchObject({ 'Insertion pro': 'Emploi local' });
  });

  it('leads old spellings typed later to the new tag', async () => {
    const created = await clientFor(gare, team).post('/api/pages/create', { title: 'Nouvelle fiche', type: 'ressource', tags: ['insertion PRO'], visibility: 'public' });
    expect(created.status).toBe(200);
    const html = await (await page('/tags/emploi-local')).text();
    expect(html).toContain(`href="${created.json.url}"`);
    expect(html).toContain('href="/wiki/ressources/fiche-insertion"');
    expect((await page('/tags/insertion-pro')).status).toBe(200);
  });

  it('renames the tag in page templates too, so new pages do not bring the old name back', async () => {
    const template = '---\ntitle: Fiche atelier\ntype: ressource\ntags: [Atelier vélo]\n---\n\n# {{titre}}\n';
    await seed({ '_modeles/fiche-atelier.md': template, 'ressources/atelier-velo.md': '---\ntitle: Atelier vélo\ntype: ressource\ntags: [atelier velo]\n---\n\nRéparer.\n' });
    const res = await clientFor(gare, team).post('/api/tags/rename', { from: 'atelier-velo', to: 'Vélo' });
    expect(res.json.renamed).toBe(1);
    expect(gitLog(dir, '-1')).toEqual(['Samia Benali|Étiquette « atelier velo » renommée en « Vélo » (1 page, 1 modèle)']);
    expect(gitShow(dir, '_modeles/fiche-atelier.md')).toBe(template.replace('[Atelier vélo]', '[Vélo]'));
  });

  it('refuses visitors and contributors and changes nothing', async () => {
    const start = head();
    const files = carrying('cae').map((p) => [p.path, gitShow(dir, p.path)] as const);
    const visitor = await clientFor(gare).post('/api/tags/rename', { from: 'CAE', to: 'Coopérative' });
    expect([401, 403]).toContain(visitor.status);
    const contrib = await clientFor(gare, contributor).post('/api/tags/rename', { from: 'CAE', to: 'Coopérative' });
    expect(contrib.status).toBe(403);
    expect(contrib.json.error.code).toBe('Forbidden');
    const alias = await clientFor(gare, contributor).post('/api/tags/alias', { from: 'CAE', to: 'Coopérative' });
    expect(alias.status).toBe(403);
    const unalias = await clientFor(gare, contributor).post('/api/tags/alias/delete', { from: 'Pôle Emploi' });
    expect(unalias.status).toBe(403);
    expect(head()).toBe(start);
    for (const [path, source] of files) expect(gitShow(dir, path)).toBe(source);
  });

  it('refuses an unknown tag or a name without letters, with a French reason', async () => {
    const start = head();
    const unknown = await clientFor(gare, team).post('/api/tags/rename', { from: 'Étiquette fantôme', to: 'Autre' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('TagNotFound');
    const empty = await clientFor(gare, team).post('/api/tags/rename', { from: 'CAE', to: ' --- ' });
    expect(empty.status).toBe(400);
    const comma = await clientFor(gare, team).post('/api/tags/rename', { from: 'CAE', to: 'a, b' });
    expect(comma.json.error.message).toContain('virgule');
    expect(head()).toBe(start);
  });
});

describe('the rename form', () => {
  const postForm = (who: TestSession, path: string, fields: Record<string, string>) =>
    fetch(gare.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: who.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
    });

  it('is offered to the team only, on the tag page', async () => {
    const html = await (await page('/tags/rgpd', team.cookie)).text();
    expect(html).toContain('Renommer cette étiquette');
    expect(html).toContain('action="/api/tags/rename"');
    expect(html).toContain(`name="_csrf" value="${team.csrf}"`);
    expect(html).toContain('Garder l’ancien nom comme alias');
    expect(await (await page('/tags/rgpd', contributor.cookie)).text()).not.toContain('Renommer cette étiquette');
    expect(await (await page('/tags/rgpd')).text()).not.toContain('Renommer cette étiquette');
  });

  it('renames without an alias when the box is unticked, and comes back with a confirmation', async () => {
    const res = await postForm(team, '/api/tags/rename', { from: 'Sans rapport inexistant', to: 'X', retour: '/tags/rgpd' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/tags\/rgpd\?erreur=/);
    const ok = await postForm(team, '/api/tags/rename', { from: 'RGPD', to: 'Données personnelles', retour: '/tags/rgpd' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/tags\/donnees-personnelles\?ok=/);
    expect(gare.hub.index.aliases['RGPD']).toBeUndefined();
    expect((await page('/tags/rgpd')).status).toBe(404);
    const html = await (await page(ok.headers.get('location')!, team.cookie)).text();
    expect(html).toContain('Étiquette renommée.');
    const refused = await postForm(contributor, '/api/tags/rename', { from: 'CAE', to: 'Coop', retour: '/tags/cae' });
    expect(refused.headers.get('location')).toMatch(/^\/tags\/cae\?erreur=/);
  });
});
