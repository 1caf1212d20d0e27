import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let team: TestSession;
let other: TestSession;
let contributor: TestSession;
let dir: string;

beforeAll(async () => {
  gare = await startTestHub();
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  other = await signIn(gare.hub, 'equipe', 'Marc Durand');
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  dir = gare.hub.config.contentDir;
});
afterAll(() => gare?.stop());

/** Creates a fresh page and returns its path and first version. */
async function newPage(title: string, body: string, visibility: 'public' | 'equipe' = 'equipe') {
  const created = await clientFor(gare, team).post('/api/pages/create', { title, type: 'ressource', tags: ['essai'], visibility, body });
  expect(created.status).toBe(200);
  const page = await clientFor(gare, team).get(`/api/pages/${created.json.path.slice(0, -3)}`);
  return { path: created.json.path as string, version: page.json.version as string, source: page.json.source as string };
}

const lines = (n: number, prefix = 'Ligne') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n\n') + '\n';

describe('saving a page', () => {
  it('commits the edit with the person as author and a French default message', async () => {
    const page = await newPage('Fiche à modifier', 'Premier jet.\n');
    const res = await clientFor(gare, team).post('/api/pages/save', {
      path: page.path, title: 'Fiche à modifier', type: 'ressource', tags: ['essai', 'outil'], visibility: 'equipe',
      body: 'Deuxième jet, plus complet.\n', baseVersion: page.version,
    });
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(true);
    expect(gitLog(dir, '-1')[0]).toBe('Samia Benali|Modification de « Fiche à modifier »');
    expect(gitShow(dir, page.path)).toContain('Deuxième jet, plus complet.');
    const history = await clientFor(gare, team).get(`/api/pages/history?path=${encodeURIComponent(page.path)}`);
    expect(history.json.versions[0]).toMatchObject({ oid: res.json.version, author: 'Samia Benali' });
    expect(gare.hub.index.get(page.path)?.meta.tags).toEqual(['essai', 'outil']);
  });

  it('keeps front matter fields the editor does not know', async () => {
    const page = await newPage('Fiche avec champs', 'Texte.\n');
    const withExtra = page.source.replace('---\n', '---\npermalink: /ancienne-adresse\ndate: 2026-03-12\n');
    await gare.hub.commits.commitFiles({ changes: [{ path: page.path, content: withExtra }], author: { name: 'Terminal', email: 't@localhost' }, message: 'champ inconnu' });
    await gare.hub.sync();
    const base = (await clientFor(gare, team).get(`/api/pages/${page.path.slice(0, -3)}`)).json.version;
    const res = await clientFor(gare, team).post('/api/pages/save', { path: page.path, title: 'Fiche avec champs', type: 'ressource', tags: [], visibility: 'equipe', body: 'Nouveau texte.\n', baseVersion: base });
    expect(res.status).toBe(200);
    const stored = gitShow(dir, page.path);
    expect(stored).toContain('permalink: /ancienne-adresse');
    expect(stored).toMatch(/date: '?2026-03-12'?/);
    expect(gare.hub.index.get(page.path)?.meta.date).toBe('2026-03-12');
  });

  it('merges an edit started before another one when they touch different lines', async () => {
    const page = await newPage('Fiche fusion', lines(6));
    const save = (who: TestSession, body: string) =>
      clientFor(gare, who).post('/api/pages/save', { path: page.path, title: 'Fiche fusion', type: 'ressource', tags: ['essai'], visibility: 'equipe', body, baseVersion: page.version });
    expect((await save(team, lines(6).replace('Ligne 1\n', 'Ligne 1 revue par Samia\n'))).status).toBe(200);
    const second = await save(other, lines(6).replace('Ligne 6\n', 'Ligne 6 revue par Marc\n'));
    expect(second.status).toBe(200);
    expect(second.json.merged).toBe(true);
    const stored = gitShow(dir, page.path);
    expect(stored).toContain('Ligne 1 revue par Samia');
    expect(stored).toContain('Ligne 6 revue par Marc');
  });

  it('answers 409 with both sides when edits overlap, and overwrites nothing', async () => {
    const page = await newPage('Fiche conflit', lines(3));
    const save = (who: TestSession, body: string) =>
      clientFor(gare, who).post('/api/pages/save', { path: page.path, title: 'Fiche conflit', type: 'ressource', tags: ['essai'], visibility: 'equipe', body, baseVersion: page.version });
    const first = await save(team, lines(3).replace('Ligne 2', 'Ligne 2 selon Samia'));
    expect(first.status).toBe(200);
    const commitsBefore = gitLog(dir).length;
    const second = await save(other, lines(3).replace('Ligne 2', 'Ligne 2 selon Marc'));
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('EditConflict');
    expect(second.json.conflict.mine).toContain('Ligne 2 selon Marc');
    expect(second.json.conflict.theirs).toContain('Ligne 2 selon Samia');
    expect(second.json.conflict.merged).toMatch(/<<<<<<< [\s\S]*Ligne 2 selon Marc[\s\S]*=======[\s\S]*Ligne 2 selon Samia[\s\S]*>>>>>>>/);
    expect(second.json.conflict.currentVersion).toBe(first.json.version);
    expect(gitLog(dir).length).toBe(commitsBefore);
    expect(gitShow(dir, page.path)).toContain('Ligne 2 selon Samia');
    expect(gitShow(dir, page.path)).not.toContain('selon Marc');
  });

  it('lands 25 concurrent saves of different pages, each in the history', async () => {
    const pages = await Promise.all(Array.from({ length: 25 }, (_, i) => newPage(`Fiche parallèle ${i + 1}`, `Corps ${i + 1}.\n`)));
    const results = await Promise.all(
      pages.map((p, i) =>
        clientFor(gare, team).post('/api/pages/save', { path: p.path, title: `Fiche parallèle ${i + 1}`, type: 'ressource', tags: [], visibility: 'equipe', body: `Corps modifié ${i + 1}.\n`, message: `Édition parallèle ${i + 1}`, baseVersion: p.version }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(200));
    const log = gitLog(dir);
    for (let i = 1; i <= 25; i++) expect(log).toContain(`Samia Benali|Édition parallèle ${i}`);
    for (const [i, p] of pages.entries()) expect(gitShow(dir, p.path)).toContain(`Corps modifié ${i + 1}.`);
  });

  it('lands 10 concurrent non-overlapping saves of the same page', async () => {
    const page = await newPage('Fiche à dix mains', lines(10));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        clientFor(gare, i % 2 ? team : other).post('/api/pages/save', {
          path: page.path, title: 'Fiche à dix mains', type: 'ressource', tags: ['essai'], visibility: 'equipe',
          body: lines(10).replace(`Ligne ${i + 1}\n`, `Ligne ${i + 1} complétée\n`), message: `Main ${i + 1}`, baseVersion: page.version,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const log = gitLog(dir);
    const stored = gitShow(dir, page.path);
    for (let i = 1; i <= 10; i++) {
      expect(log.some((l) => l.endsWith(`|Main ${i}`))).toBe(true);
      expect(stored).toContain(`Ligne ${i} complétée`);
    }
  });
});

describe('saving after a colleague renamed the page', () => {
  it('follows the rename and merges the edit into the renamed page', async () => {
    const page = await newPage('Fiche voyageuse', lines(8));
    const renamed = await clientFor(gare, other).post('/api/pages/rename', { path: page.path, newTitle: 'Fiche voyageuse déplacée', newSection: 'tutoriels' });
    expect(renamed.status).toBe(200);
    const res = await clientFor(gare, team).post('/api/pages/save', {
      path: page.path, title: 'Fiche voyageuse', type: 'ressource', tags: ['essai'], visibility: 'equipe',
      body: lines(8).replace('Ligne 8\n', 'Ligne 8 ajoutée pendant le renommage\n'), baseVersion: page.version,
    });
    expect(res.status).toBe(200);
    expect(res.json.path).toBe(renamed.json.path);
    const stored = gitShow(dir, renamed.json.path);
    expect(stored).toContain('Ligne 8 ajoutée pendant le renommage');
    expect(gare.hub.index.get(renamed.json.path)?.meta.title).toBe('Fiche voyageuse déplacée');
  });
});

describe('who may save what', () => {
  it('answers 404 to a contributor who tries to edit a team page, and changes nothing', async () => {
    const page = await newPage('Dossier confidentiel', 'Secret.\n');
    const res = await clientFor(gare, contributor).post('/api/pages/save', { path: page.path, title: 'Pris', type: 'ressource', tags: [], visibility: 'public', body: 'Écrasé.\n', baseVersion: page.version });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json)).not.toContain('Dossier confidentiel');
    expect(gitShow(dir, page.path)).toContain('Secret.');
  });

  it('forbids a contributor to make a public page team-only', async () => {
    const page = await newPage('Fiche ouverte', 'Pour tout le monde.\n', 'public');
    const res = await clientFor(gare, contributor).post('/api/pages/save', { path: page.path, title: 'Fiche ouverte', type: 'ressource', tags: [], visibility: 'equipe', body: 'Pour tout le monde.\n', baseVersion: page.version });
    expect(res.status).toBe(403);
    const ok = await clientFor(gare, contributor).post('/api/pages/save', { path: page.path, title: 'Fiche ouverte', type: 'ressource', tags: [], visibility: 'public', body: 'Pour tout le monde, relu.\n', baseVersion: page.version });
    expect(ok.status).toBe(200);
    expect(gitLog(dir, '-1')[0]).toBe('Léa Contributrice|Modification de « Fiche ouverte »');
  });

  it('refuses a visitor and a request without the CSRF token', async () => {
    const page = await newPage('Fiche protégée', 'Texte.\n', 'public');
    const input = { path: page.path, title: 'X', type: 'ressource', tags: [], visibility: 'public', body: 'Vandalisme\n', baseVersion: page.version };
    expect((await clientFor(gare).post('/api/pages/save', input)).status).toBe(403);
    const noToken = await fetch(`${gare.url}/api/pages/save`, { method: 'POST', headers: { cookie: team.cookie, origin: gare.url, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    expect(noToken.status).toBe(403);
    expect(gitShow(dir, page.path)).not.toContain('Vandalisme');
  });
});
