import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;
let dir: string;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  dir = gare.hub.config.contentDir;
});
afterAll(() => gare?.stop());

const as = () => clientFor(gare, team);
const versionOf = async (path: string) => (await as().get(`/api/pages/${path.slice(0, -3)}`)).json.version as string;

describe('creating a page', () => {
  it('derives a French-friendly path from type and title, and numbers collisions', async () => {
    const a = await as().post('/api/pages/create', { title: 'Compte-rendu — entretien du 12 mars', type: 'compte-rendu', tags: ['CAE'] });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ path: 'comptes-rendus/compte-rendu-entretien-du-12-mars.md', url: '/wiki/comptes-rendus/compte-rendu-entretien-du-12-mars' });
    const b = await as().post('/api/pages/create', { title: 'Compte-rendu — entretien du 12 mars', type: 'compte-rendu', tags: [] });
    expect(b.json.path).toBe('comptes-rendus/compte-rendu-entretien-du-12-mars-2.md');
    const page = gare.hub.index.get(a.json.path);
    expect(page?.meta).toMatchObject({ type: 'compte-rendu', visibility: 'equipe', tags: ['CAE'] });
    expect(gitLog(dir, '-1')[0]).toBe('Samia Benali|Création de « Compte-rendu — entretien du 12 mars »');
  });

  it('never takes a path from raw input', async () => {
    const res = await as().post('/api/pages/create', { title: '../../.git/config', type: 'page', tags: [], section: '../_gare' });
    expect(res.status).toBe(200);
    expect(res.json.path).toBe('gare/git-config.md');
    const other = await as().post('/api/pages/create', { title: 'Notes', type: 'inconnu', tags: [] });
    expect(other.json.path).toBe('pages/notes.md');
    expect(gare.hub.index.get('pages/notes.md')?.meta.visibility).toBe('equipe');
  });

  it('starts from the type’s template and lists the templates', async () => {
    await gare.hub.commits.commitFiles({
      changes: [{ path: '_modeles/reunion.md', content: '---\ntitle: Réunion\ntype: reunion\ntags: [réunion]\n---\n\n# {{titre}}\n\n## Ordre du jour\n\n## Décisions\n' }],
      author: { name: 'Terminal', email: 't@localhost' },
      message: 'modèle',
    });
    const list = await as().get('/api/templates');
    expect(list.json.templates.map((t: { name: string }) => t.name)).toContain('reunion');
    const res = await as().post('/api/pages/create', { title: 'Réunion du 3 avril', type: 'reunion', tags: [] });
    const source = gitShow(dir, res.json.path);
    expect(source).toContain('# Réunion du 3 avril');
    expect(source).toContain('## Décisions');
    expect(gare.hub.index.get(res.json.path)?.meta.tags).toEqual(['réunion']);
    expect((await clientFor(gare).get('/api/templates')).status).toBe(401);
  });

  it('refuses a contributor a team-only page', async () => {
    const contributor = await signIn(gare.hub, 'contributeur');
    const res = await clientFor(gare, contributor).post('/api/pages/create', { title: 'Suivi interne', type: 'accompagnement', tags: [] });
    expect(res.status).toBe(403);
    const ok = await clientFor(gare, contributor).post('/api/pages/create', { title: 'Atelier vélo', type: 'ressource', tags: [] });
    expect(ok.json.path).toBe('ressources/atelier-velo.md');
  });
});

describe('renaming a page', () => {
  it('moves the page, rewrites links to it in other pages, and keeps its history', async () => {
    const target = await as().post('/api/pages/create', { title: 'Guide du tri', type: 'ressource', tags: [], visibility: 'public', body: Array.from({ length: 8 }, (_, i) => `Paragraphe ${i}.`).join('\n\n') });
    await as().post('/api/pages/create', {
      title: 'Page qui pointe', type: 'tutoriel', tags: [], visibility: 'public',
      body: 'Voir [le guide](../ressources/guide-du-tri.md#etapes), [[Guide du tri]] et [ici](/wiki/ressources/guide-du-tri).\n\n```\n[code](../ressources/guide-du-tri.md)\n```\n',
    });
    const before = gare.hub.history.historyOf(target.json.path).map((v) => v.oid);
    const res = await as().post('/api/pages/rename', { path: target.json.path, newTitle: 'Guide du tri sélectif', newSection: 'Tutoriels' });
    expect(res.status).toBe(200);
    expect(res.json.path).toBe('tutoriels/guide-du-tri-selectif.md');
    expect(res.json.linksUpdated).toEqual(['tutoriels/page-qui-pointe.md']);
    const linking = gitShow(dir, 'tutoriels/page-qui-pointe.md');
    expect(linking).toContain('[le guide](guide-du-tri-selectif.md#etapes)');
    expect(linking).toContain('[ici](/wiki/tutoriels/guide-du-tri-selectif)');
    expect(linking).toContain('[[Guide du tri]]');
    expect(linking).toContain('[code](../ressources/guide-du-tri.md)');
    const moved = gare.hub.index.get('tutoriels/guide-du-tri-selectif.md');
    expect(moved?.meta.title).toBe('Guide du tri sélectif');
    expect(moved?.meta.aliases).toContain('Guide du tri');
    expect(gare.hub.index.findByTitle('Guide du tri')?.path).toBe('tutoriels/guide-du-tri-selectif.md');
    expect(gare.hub.index.get(target.json.path)).toBeUndefined();
    const after = gare.hub.history.historyOf('tutoriels/guide-du-tri-selectif.md').map((v) => v.oid);
    for (const oid of before) expect(after).toContain(oid);
    expect(gitLog(dir, '-1')[0]).toBe('Samia Benali|Renommage de « Guide du tri » en « Guide du tri sélectif »');
  });

  it('keeps the file identical when only the folder changes, so git follows it', async () => {
    const page = await as().post('/api/pages/create', { title: 'Court', type: 'page', tags: [], body: 'Deux mots.' });
    const source = gitShow(dir, page.json.path);
    const res = await as().post('/api/pages/rename', { path: page.json.path, newSection: 'journal' });
    expect(res.json.path).toBe('journal/court.md');
    expect(gitShow(dir, 'journal/court.md')).toBe(source);
    const history = gare.hub.history.historyOf('journal/court.md');
    expect(history[0]).toMatchObject({ change: 'renamed', from: page.json.path });
    expect(history).toHaveLength(2);
  });

  it('keeps the history of a short retitled page, whether git follows it in one commit or two', async () => {
    const page = await as().post('/api/pages/create', { title: 'Mémo', type: 'page', tags: [], body: 'Un mot.' });
    const created = gare.hub.history.historyOf(page.json.path)[0]!.oid;
    const res = await as().post('/api/pages/rename', { path: page.json.path, newTitle: 'Mémo de rentrée' });
    expect(res.json.path).toBe('pages/memo-de-rentree.md');
    // One commit when the retitled file stays similar enough for rename detection, else a pure
    // move then the new title (the threshold depends on how the front matter is written).
    expect(gitLog(dir, '-3')).toContain('Samia Benali|Renommage de « Mémo » en « Mémo de rentrée »');
    const history = gare.hub.history.historyOf('pages/memo-de-rentree.md');
    expect(history.map((v) => v.oid)).toContain(created);
    expect(gare.hub.index.get('pages/memo-de-rentree.md')?.meta).toMatchObject({ title: 'Mémo de rentrée', aliases: ['Mémo'] });
  });

  it('refuses a rename when the page changed since it was opened', async () => {
    const page = await as().post('/api/pages/create', { title: 'Mouvante', type: 'page', tags: [] });
    const old = await versionOf(page.json.path);
    await as().post('/api/pages/save', { path: page.json.path, title: 'Mouvante', type: 'page', tags: [], visibility: 'equipe', body: 'Changée.\n', baseVersion: old });
    const res = await as().post('/api/pages/rename', { path: page.json.path, newTitle: 'Fixe', baseVersion: old });
    expect(res.status).toBe(409);
    expect(gare.hub.index.get(page.json.path)).toBeDefined();
  });
});

describe('history, versions, diff and restore', () => {
  it('restores an old version as a new commit with the old content', async () => {
    const page = await as().post('/api/pages/create', { title: 'Charte', type: 'ressource', tags: [], visibility: 'public', body: 'Version un.\n' });
    const v1 = await versionOf(page.json.path);
    await as().post('/api/pages/save', { path: page.json.path, title: 'Charte', type: 'ressource', tags: [], visibility: 'public', body: 'Version deux.\n', baseVersion: v1 });
    const history = await as().get(`/api/pages/history?path=${page.json.path}`);
    expect(history.json.versions.map((v: { oid: string }) => v.oid)).toContain(v1);
    const old = await as().get(`/api/pages/version?path=${page.json.path}&oid=${v1}`);
    expect(old.json.source).toContain('Version un.');
    const diff = await as().get(`/api/pages/diff?path=${page.json.path}&from=${v1}`);
    expect(diff.json.diff.rows).toContainEqual({ kind: 'changed', left: expect.objectContaining({ text: 'Version un.' }), right: expect.objectContaining({ text: 'Version deux.' }) });
    const restored = await as().post('/api/pages/restore', { path: page.json.path, oid: v1 });
    expect(restored.status).toBe(200);
    expect(restored.json.version).not.toBe(v1);
    expect(gitShow(dir, page.json.path)).toContain('Version un.');
    expect(gitLog(dir, '-1')[0]).toMatch(/^Samia Benali\|Restauration de la version du \d+ \S+ \d{4}/);
    expect(gare.hub.history.historyOf(page.json.path)).toHaveLength(3);
  });

  it('hides a team page’s history, versions, diff and attachments from visitors', async () => {
    const page = await as().post('/api/pages/create', { title: 'Dossier Awa', type: 'accompagnement', tags: [], body: 'Données personnelles.\n' });
    const v = await versionOf(page.json.path);
    const visitor = clientFor(gare);
    for (const url of [`/api/pages/history?path=${page.json.path}`, `/api/pages/version?path=${page.json.path}&oid=${v}`, `/api/pages/diff?path=${page.json.path}&from=${v}&to=${v}`, `/api/attachments?page=${page.json.path}`]) {
      const res = await visitor.get(url);
      expect(res.status, url).toBe(404);
      expect(JSON.stringify(res.json)).not.toContain('Dossier Awa');
    }
  });

  it('never shows a visitor a version from when a now-public page was team-only', async () => {
    const page = await as().post('/api/pages/create', { title: 'Bientôt publique', type: 'ressource', tags: [], visibility: 'equipe', body: 'Brouillon interne avec un nom.\n' });
    const secret = await versionOf(page.json.path);
    await as().post('/api/pages/save', { path: page.json.path, title: 'Bientôt publique', type: 'ressource', tags: [], visibility: 'public', body: 'Texte public.\n', baseVersion: secret });
    const visitor = clientFor(gare);
    const history = await visitor.get(`/api/pages/history?path=${page.json.path}`);
    expect(history.status).toBe(200);
    expect(history.json.versions).toHaveLength(1);
    expect(history.json.versions[0].email).toBeUndefined();
    expect((await visitor.get(`/api/pages/version?path=${page.json.path}&oid=${secret}`)).status).toBe(404);
    expect((await visitor.get(`/api/pages/diff?path=${page.json.path}&from=${secret}`)).status).toBe(404);
    expect((await as().get(`/api/pages/version?path=${page.json.path}&oid=${secret}`)).json.source).toContain('Brouillon interne');
  });

  it('does not read another file through a page’s history', async () => {
    // One commit touching a team page and a public page sits in both histories.
    const teamPath = 'accompagnements/suivi-croise.md';
    const openPath = 'ressources/fiche-croisee.md';
    const teamText = '---\ntitle: Suivi croisé\ntype: accompagnement\nvisibility: equipe\n---\n\nCanari-suivi-7c1e.\n';
    const openText = '---\ntitle: Fiche croisée\ntype: ressource\nvisibility: public\n---\n\nTexte public.\n';
    const { oid } = await gare.hub.commits.commitFiles({
      changes: [{ path: teamPath, content: teamText }, { path: openPath, content: openText }],
      author: { name: 'Terminal', email: 't@localhost' },
      message: 'deux pages',
    });
    await gare.hub.sync();
    const visitor = clientFor(gare);
    const res = await visitor.get(`/api/pages/version?path=${openPath}&oid=${oid}`);
    // Asked through the public page, the shared commit gives the public file and nothing else.
    expect(res.status).toBe(200);
    expect(res.json.source).toBe(openText);
    expect(JSON.stringify(res.json)).not.toContain('Canari-suivi-7c1e');
    for (const path of [teamPath, '../' + teamPath, `ressources/../${teamPath}`]) {
      const other = await visitor.get(`/api/pages/version?path=${encodeURIComponent(path)}&oid=${oid}`);
      expect(other.status, path).toBe(404);
      expect(JSON.stringify(other.json)).not.toContain('Canari-suivi-7c1e');
    }
  });
});

describe('deleting a page', () => {
  it('removes the page in a commit, with its attachments when asked', async () => {
    const page = await as().post('/api/pages/create', { title: 'À jeter', type: 'ressource', tags: [], visibility: 'public' });
    const up = await as().upload(page.json.path, 'notes.txt', new TextEncoder().encode('quelques notes\n'));
    expect(up.status).toBe(200);
    const res = await as().post('/api/pages/delete', { path: page.json.path, attachments: 'delete' });
    expect(res.status).toBe(200);
    expect(res.json.removedAttachments).toBe(1);
    expect(gitLog(dir, '-1')[0]).toBe('Samia Benali|Suppression de « À jeter »');
    expect(() => gitShow(dir, page.json.path)).toThrow();
    expect(() => gitShow(dir, up.json.path)).toThrow();
    expect(gare.hub.index.get(page.json.path)).toBeUndefined();
  });
});
