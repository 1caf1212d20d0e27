import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { clientFor, gitLog, gitShow } from '../editing/http-client.ts';

let gare: TestHub;
let admin: TestSession;
let team: TestSession;
let contributor: TestSession;
let other: TestSession;
let dir: string;

const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const refExists = (ref: string): boolean => {
  try {
    git('rev-parse', '--verify', '--quiet', ref);
    return true;
  } catch {
    return false;
  }
};
const lines = (n: number, prefix = 'Ligne') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n\n') + '\n';

beforeAll(async () => {
  gare = await startTestHub();
  admin = await signIn(gare.hub, 'admin');
  team = await signIn(gare.hub, 'equipe', 'Samia Benali');
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  other = await signIn(gare.hub, 'contributeur', 'Omar Autre');
  dir = gare.hub.config.contentDir;
  const res = await clientFor(gare, admin).post('/api/review/settings', { sections: ['ressources'] });
  expect(res.status).toBe(200);
});
afterAll(() => gare?.stop());

/** A fresh public page created directly by the team in `section` (type decides the folder). */
async function newPage(title: string, body: string, type: 'ressource' | 'tutoriel' = 'ressource') {
  const created = await clientFor(gare, team).post('/api/pages/create', { title, type, tags: ['essai'], visibility: 'public', body });
  expect(created.status).toBe(200);
  const page = await clientFor(gare, contributor).get(`/api/pages/${created.json.path.slice(0, -3)}`);
  return { path: created.json.path as string, version: page.json.version as string, title };
}

/** The contributor (or someone else) saves `body` on a page. */
function save(who: TestSession, page: { path: string; version: string; title: string }, body: string, type = 'ressource') {
  return clientFor(gare, who).post('/api/pages/save', { path: page.path, title: page.title, type, tags: ['essai'], visibility: 'public', body, baseVersion: page.version });
}

describe('a contributor’s edit in a reviewed section', () => {
  it('waits as a proposal on its own branch and leaves main and the working tree unchanged', async () => {
    const page = await newPage('Fiche relue', 'Texte d’origine.\n');
    const head = git('rev-parse', 'HEAD');
    const res = await save(contributor, page, 'Texte amélioré par Léa.\n');
    expect(res.status).toBe(202);
    expect(res.json.proposal.url).toBe(`/propositions/${res.json.proposal.id}`);
    expect(res.json.message).toBe('Votre proposition attend la relecture de l’équipe.');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(gitShow(dir, page.path)).toContain('Texte d’origine.');
    expect(readFileSync(path.join(dir, page.path), 'utf8')).toContain('Texte d’origine.');
    const branch = `refs/heads/propositions/${res.json.proposal.id}`;
    expect(git('log', '-1', '--format=%an|%P', branch)).toBe(`Léa Contributrice|${head}`);
    expect(git('show', `${branch}:${page.path}`)).toContain('Texte amélioré par Léa.');
    const visitorView = await fetch(`${gare.url}/api/pages/${page.path.slice(0, -3)}`).then((r) => r.json());
    expect(visitorView.source).not.toContain('Texte amélioré');
  });

  it('is listed for the team with its author, and shown with a diff against the current page', async () => {
    const page = await newPage('Fiche à comparer', 'Avant.\n');
    const { json } = await save(contributor, page, 'Après.\n');
    const list = await clientFor(gare, team).get('/api/proposals');
    expect(list.status).toBe(200);
    const item = list.json.proposals.find((p: { id: string }) => p.id === json.proposal.id);
    expect(item).toMatchObject({ path: page.path, title: 'Fiche à comparer', state: 'pending', author: { name: 'Léa Contributrice' }, changes: { added: 1, removed: 1 } });
    const one = await clientFor(gare, team).get(`/api/proposals/${json.proposal.id}`);
    expect(one.status).toBe(200);
    expect(one.json.against).toBe('current');
    expect(one.json.mergeable).toBe(true);
    expect(one.json.canDecide).toBe(true);
    expect(one.json.diff.rows).toContainEqual(expect.objectContaining({ kind: 'changed', left: expect.objectContaining({ text: 'Avant.' }), right: expect.objectContaining({ text: 'Après.' }) }));
  });

  it('is committed on main with the contributor as author once a team member accepts it', async () => {
    const page = await newPage('Fiche acceptée', 'Version une.\n');
    const { json } = await save(contributor, page, 'Version deux, par Léa.\n');
    const accepted = await clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(git('log', '-1', '--format=%an')).toBe('Léa Contributrice');
    expect(git('log', '-1', '--format=%B')).toContain('relue et acceptée par Samia Benali');
    expect(gitShow(dir, page.path)).toContain('Version deux, par Léa.');
    const html = await fetch(`${gare.url}${accepted.json.accepted.url}`).then((r) => r.text());
    expect(html).toContain('Version deux, par Léa.');
    expect(refExists(`refs/heads/propositions/${json.proposal.id}`)).toBe(false);
    expect(refExists(`refs/heads/propositions-acceptees/${json.proposal.id}`)).toBe(true);
    const mine = await clientFor(gare, contributor).get('/api/proposals?mine=1');
    expect(mine.json.proposals.find((p: { id: string }) => p.id === json.proposal.id)).toMatchObject({ state: 'accepted', decision: { by: 'Samia Benali' } });
    const again = await clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/accept`, {});
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ProposalDecided');
  });

  it('leaves main unchanged when rejected, and keeps the text and the reason for the contributor', async () => {
    const page = await newPage('Fiche refusée', 'Texte juste.\n');
    const { json } = await save(contributor, page, 'Texte faux.\n');
    const head = git('rev-parse', 'HEAD');
    const rejected = await clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/reject`, { reason: 'Information inexacte.' });
    expect(rejected.status).toBe(200);
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(gitShow(dir, page.path)).toContain('Texte juste.');
    expect(git('show', `refs/heads/propositions-refusees/${json.proposal.id}:${page.path}`)).toContain('Texte faux.');
    const mine = await clientFor(gare, contributor).get(`/api/proposals/${json.proposal.id}`);
    expect(mine.json.proposal).toMatchObject({ state: 'rejected', decision: { by: 'Samia Benali', reason: 'Information inexacte.' } });
    expect(mine.json.canDecide).toBe(false);
  });

  it('adds a second edit by the same contributor to the same proposal, keeping the first', async () => {
    const page = await newPage('Fiche en deux temps', lines(4));
    const first = await save(contributor, page, lines(4).replace('Ligne 1\n', 'Ligne 1 corrigée\n'));
    const second = await save(contributor, page, lines(4).replace('Ligne 4\n', 'Ligne 4 complétée\n'));
    expect(second.status).toBe(202);
    expect(second.json.proposal.id).toBe(first.json.proposal.id);
    const branch = `refs/heads/propositions/${first.json.proposal.id}`;
    expect(git('rev-list', '--count', `HEAD..${branch}`)).toBe('2');
    const text = git('show', `${branch}:${page.path}`);
    expect(text).toContain('Ligne 1 corrigée');
    expect(text).toContain('Ligne 4 complétée');
    const one = await clientFor(gare, contributor).get(`/api/proposals/${first.json.proposal.id}`);
    expect(one.json.proposal.versions).toBe(2);
  });
});

describe('the answer of a reviewed save', () => {
  it('gives the proposal’s latest commit as the version the next save starts from', async () => {
    const page = await newPage('Fiche suivie', lines(3));
    const first = await save(contributor, page, lines(3).replace('Ligne 1', 'Ligne 1 revue'));
    expect(first.json.version).toBe(git('rev-parse', `refs/heads/propositions/${first.json.proposal.id}`));
    const next = await save(contributor, { ...page, version: first.json.version }, lines(3).replace('Ligne 1', 'Ligne 1 revue').replace('Ligne 3', 'Ligne 3 revue'));
    expect(next.status).toBe(202);
    expect(next.json.merged).toBe(false);
    expect(git('show', `refs/heads/propositions/${first.json.proposal.id}:${page.path}`)).toMatch(/Ligne 1 revue[\s\S]*Ligne 3 revue/);
  });

  it('answers like an unchanged save when the text did not change', async () => {
    const page = await newPage('Fiche intacte', 'Rien à changer.\n');
    const res = await save(contributor, page, 'Rien à changer.\n');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ changed: false, url: `/wiki/${page.path.slice(0, -3)}` });
    expect(git('for-each-ref', '--format=%(refname)', 'refs/heads/propositions/')).not.toContain('fiche-intacte');
  });
});

describe('accepting after main moved on', () => {
  it('merges a proposal with a team edit made meanwhile on other lines', async () => {
    const page = await newPage('Fiche fusionnée', lines(6));
    const { json } = await save(contributor, page, lines(6).replace('Ligne 1\n', 'Ligne 1 selon Léa\n'));
    expect((await save(team, page, lines(6).replace('Ligne 6\n', 'Ligne 6 selon Samia\n'))).status).toBe(200);
    const accepted = await clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.json.accepted.merged).toBe(true);
    const stored = gitShow(dir, page.path);
    expect(stored).toContain('Ligne 1 selon Léa');
    expect(stored).toContain('Ligne 6 selon Samia');
    expect(git('log', '-1', '--format=%an')).toBe('Léa Contributrice');
  });

  it('answers 409 with both sides when the same lines changed, and loses neither', async () => {
    const page = await newPage('Fiche disputée', lines(3));
    const { json } = await save(contributor, page, lines(3).replace('Ligne 2', 'Ligne 2 selon Léa'));
    expect((await save(team, page, lines(3).replace('Ligne 2', 'Ligne 2 selon Samia'))).status).toBe(200);
    const head = git('rev-parse', 'HEAD');
    const res = await clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/accept`, {});
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('EditConflict');
    expect(res.json.conflict.proposed).toContain('Ligne 2 selon Léa');
    expect(res.json.conflict.current).toContain('Ligne 2 selon Samia');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(refExists(`refs/heads/propositions/${json.proposal.id}`)).toBe(true);
    const one = await clientFor(gare, team).get(`/api/proposals/${json.proposal.id}`);
    expect(one.json.mergeable).toBe(false);
  });
});

describe('concurrent changes', () => {
  it('keeps both a team save and an acceptance made at the same moment on other lines', async () => {
    const page = await newPage('Fiche simultanée', lines(8));
    const { json } = await save(contributor, page, lines(8).replace('Ligne 1\n', 'Ligne 1 selon Léa\n'));
    const [accepted, saved] = await Promise.all([
      clientFor(gare, team).post(`/api/proposals/${json.proposal.id}/accept`, {}),
      save(team, page, lines(8).replace('Ligne 8\n', 'Ligne 8 selon Samia\n')),
    ]);
    expect(accepted.status).toBe(200);
    expect(saved.status).toBe(200);
    const stored = gitShow(dir, page.path);
    expect(stored).toContain('Ligne 1 selon Léa');
    expect(stored).toContain('Ligne 8 selon Samia');
  });

  it('gathers two saves sent at once by one contributor into one proposal holding both', async () => {
    const page = await newPage('Fiche double envoi', lines(6));
    const [a, b] = await Promise.all([
      save(contributor, page, lines(6).replace('Ligne 2\n', 'Ligne 2 bis\n')),
      save(contributor, page, lines(6).replace('Ligne 5\n', 'Ligne 5 bis\n')),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.json.proposal.id).toBe(b.json.proposal.id);
    const text = git('show', `refs/heads/propositions/${a.json.proposal.id}:${page.path}`);
    expect(text).toContain('Ligne 2 bis');
    expect(text).toContain('Ligne 5 bis');
  });
});

describe('who may do what', () => {
  it('lets neither a contributor accept nor a visitor list or read proposals', async () => {
    const page = await newPage('Fiche gardée', 'Texte.\n');
    const { json } = await save(contributor, page, 'Texte à relire.\n');
    expect((await clientFor(gare, contributor).post(`/api/proposals/${json.proposal.id}/accept`, {})).status).toBe(403);
    expect((await clientFor(gare, contributor).post(`/api/proposals/${json.proposal.id}/reject`, {})).status).toBe(403);
    expect((await clientFor(gare).get('/api/proposals')).status).toBe(401);
    expect((await clientFor(gare).get(`/api/proposals/${json.proposal.id}`)).status).toBe(401);
    expect((await clientFor(gare, other).get(`/api/proposals/${json.proposal.id}`)).status).toBe(404);
    const theirs = await clientFor(gare, other).get('/api/proposals');
    expect(theirs.json.proposals.map((p: { id: string }) => p.id)).not.toContain(json.proposal.id);
    expect(refExists(`refs/heads/propositions/${json.proposal.id}`)).toBe(true);
  });

  it('saves a contributor’s edit directly in a section that is not reviewed', async () => {
    const page = await newPage('Tutoriel libre', 'Étape une.\n', 'tutoriel');
    const res = await save(contributor, page, 'Étape une, détaillée.\n', 'tutoriel');
    expect(res.status).toBe(200);
    expect(res.json.proposal).toBeUndefined();
    expect(gitLog(dir, '-1')[0]).toBe('Léa Contributrice|Modification de « Tutoriel libre »');
  });

  it('saves a team member’s edit directly even in a reviewed section', async () => {
    const page = await newPage('Fiche de l’équipe', 'Texte.\n');
    expect((await save(team, page, 'Texte revu par l’équipe.\n')).status).toBe(200);
    expect(gitShow(dir, page.path)).toContain('Texte revu par l’équipe.');
  });

  it('proposes a contributor’s new page instead of creating it, and creates it once accepted', async () => {
    const res = await clientFor(gare, contributor).post('/api/pages/create', { title: 'Nouvelle fiche proposée', type: 'ressource', tags: ['essai'], body: 'Contenu neuf.\n' });
    expect(res.status).toBe(202);
    expect(() => gitShow(dir, res.json.path)).toThrow();
    expect((await clientFor(gare, team).post(`/api/proposals/${res.json.proposal.id}/accept`, {})).status).toBe(200);
    expect(gitShow(dir, res.json.path)).toContain('Contenu neuf.');
    expect(git('log', '-1', '--format=%an', '--', res.json.path)).toBe('Léa Contributrice');
  });

  it('refuses a contributor’s deletion of a page in a reviewed section', async () => {
    const page = await newPage('Fiche à garder', 'Texte.\n');
    const res = await clientFor(gare, contributor).post('/api/pages/delete', { path: page.path });
    expect(res.status).toBe(403);
    expect(gitShow(dir, page.path)).toContain('Texte.');
  });

  it('lets only admins change the reviewed sections, as a commit of _gare/relecture.yml', async () => {
    expect((await clientFor(gare, team).post('/api/review/settings', { sections: [] })).status).toBe(403);
    const settings = await clientFor(gare, contributor).get('/api/review/settings');
    expect(settings.json.sections).toEqual(['ressources']);
    expect(gitShow(dir, '_gare/relecture.yml')).toMatch(/sections:.*ressources/);
  });
});

describe('the other doors of a reviewed section', () => {
  it('refuse a contributor’s restore and upload there, and leave main unchanged', async () => {
    const page = await newPage('Fiche à restaurer', 'Première version.\n');
    await save(team, page, 'Deuxième version.\n');
    const head = git('rev-parse', 'main');
    const restore = await clientFor(gare, contributor).post('/api/pages/restore', { path: page.path, oid: page.version });
    expect(restore.status).toBe(403);
    const upload = await fetch(`${gare.url}/api/attachments?page=${encodeURIComponent(page.path)}`, {
      method: 'POST',
      headers: { cookie: contributor.cookie, 'x-csrf-token': contributor.csrf, origin: gare.url, 'x-filename': 'note.txt', 'content-type': 'application/octet-stream' },
      body: 'bonjour',
    });
    expect(upload.status).toBe(403);
    expect(git('rev-parse', 'main')).toBe(head);
  });
});
