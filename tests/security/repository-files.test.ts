/** Poisoned repositories: pushed symbolic links, a backslash path and odd file names, against the real hub. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../editing/http-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let dir: string;
let team: TestSession;
let contributor: TestSession;

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Pirate', '-c', 'user.email=pirate@exemple.org', '-c', 'core.quotepath=off', ...args], { cwd: dir, env, encoding: 'utf8' });
const page = (title: string, body = 'Texte.') => `---\ntitle: ${title}\ntype: ressource\nvisibility: public\n---\n\n${body}\n`;
const badPath = 'pieges/ressources\\..\\..\\x.md';
const oddNames = ['a=b', 'guillemet"s', 'chevron>s', 'ligne\nsuivante', 'r&d', 'notes: bilan'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-poison-'));
  await mkdir(path.join(dir, 'ressources'), { recursive: true });
  await mkdir(path.join(dir, 'bizarre'), { recursive: true });
  await writeFile(path.join(dir, 'ressources', 'wiki.md'), page('Wiki'));
  await writeFile(path.join(dir, 'ressources', 'autre.md'), page('Autre page'));
  await mkdir(path.join(dir, 'pieges'), { recursive: true });
  await writeFile(path.join(dir, 'pieges', 'voisine.md'), page('Voisine'));
  for (const name of oddNames) await writeFile(path.join(dir, 'bizarre', `${name}.md`), page(`Bizarre ${name.length}`));
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Wiki');
  // A tree entry with backslashes, as a pushed commit would bring it (git CLI only, no working file).
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env, input: page('Piège'), encoding: 'utf8' }).trim();
  git('update-index', '--add', '--cacheinfo', `100644,${blob},${badPath}`);
  git('commit', '-q', '-m', 'Un chemin piégé');
  gare = await startTestHub({ contentDir: dir });
  // The attack: the attachment folder of a public page is a link to the hub's data folder.
  await symlink(gare.dataDir, path.join(dir, 'ressources', 'wiki.fichiers'));
  await mkdir(path.join(dir, 'modeles-dehors'));
  await writeFile(path.join(dir, 'modeles-dehors', 'secret.md'), page('Secret dehors', 'canari-modele'));
  await symlink(path.join(dir, 'modeles-dehors'), path.join(dir, '_modeles'));
  await symlink(path.join(gare.dataDir, 'accounts.sqlite'), path.join(dir, 'ressources', 'base.md'));
  git('add', 'ressources/wiki.fichiers', '_modeles', 'ressources/base.md');
  git('commit', '-q', '-m', 'Liens symboliques poussés');
  await gare.hub.sync();
  team = await signIn(gare.hub, 'equipe');
  contributor = await signIn(gare.hub, 'contributeur');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a pushed symbolic link to the data folder', () => {
  it('lists no file behind a linked attachment folder, to a visitor or the team', async () => {
    for (const who of [undefined, team]) {
      const res = await clientFor(gare, who).get('/api/attachments?page=ressources/wiki.md');
      expect(res.status).toBe(200);
      expect(res.json.attachments).toEqual([]);
      expect(JSON.stringify(res.json)).not.toContain('accounts');
    }
  });

  it('never copies the accounts database into the repository when the page is renamed', async () => {
    const res = await clientFor(gare, contributor).post('/api/pages/rename', { path: 'ressources/wiki.md', newTitle: 'Wiki déplacé' });
    expect(res.status).toBe(200);
    const tree = git('ls-tree', '-r', '--name-only', 'HEAD');
    expect(tree).not.toContain('accounts.sqlite');
    expect(tree).toContain(res.json.path);
    const served = await fetch(`${gare.url}/fichiers/ressources/wiki-deplace.fichiers/accounts.sqlite`);
    expect(served.status).toBe(404);
  });

  it('neither indexes a linked page file nor offers templates from a linked folder', async () => {
    const base = await fetch(`${gare.url}/wiki/ressources/base`, { headers: { cookie: team.cookie } });
    expect(base.status).toBe(404);
    const templates = await clientFor(gare, team).get('/api/templates');
    expect(templates.status).toBe(200);
    expect(JSON.stringify(templates.json)).not.toContain('canari-modele');
  });

  it('refuses a write through a linked folder and leaves the outside untouched', async () => {
    await expect(
      gare.hub.commits.commitFiles({ changes: [{ path: '_modeles/secret.md', content: 'écrasé' }], author: { name: 'T', email: 't@exemple.org' }, message: 'x' }),
    ).rejects.toMatchObject({ code: 'UnsafeContentPath' });
    expect(execFileSync('cat', [path.join(dir, 'modeles-dehors', 'secret.md')], { encoding: 'utf8' })).toContain('canari-modele');
  });
});

describe('a pushed backslash path', () => {
  it('keeps the history of the other pages', async () => {
    const res = await clientFor(gare, team).get('/api/pages/history?path=ressources/autre.md');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('Wiki');
    expect(gare.hub.history.historyOf('ressources/autre.md').length).toBeGreaterThan(0);
  });

  it('still accepts a web save, next to the bad path too', async () => {
    const as = clientFor(gare, team);
    for (const target of ['ressources/autre.md', 'pieges/voisine.md']) {
      const res = await as.post('/api/pages/save', { path: target, title: 'Sauvée', type: 'ressource', tags: [], visibility: 'public', body: 'Sauvée malgré tout.\n', baseVersion: git('rev-parse', 'HEAD').trim() });
      expect([res.status, JSON.stringify(res.json)]).toEqual([200, expect.any(String)]);
      expect(git('show', `HEAD:${target}`)).toContain('Sauvée malgré tout.');
    }
    // The pushed entry stays in the commit: the hub never deletes what it did not write.
    expect(git('ls-tree', '-r', '--name-only', '-z', 'HEAD').split('\0')).toContain(badPath);
  });
});

describe('odd file names', () => {
  it('never links to a page that answers 404 from the sommaire', async () => {
    const html = await (await fetch(`${gare.url}/sommaire`, { headers: { cookie: team.cookie } })).text();
    const links = [...html.matchAll(/href="(\/wiki\/bizarre\/[^"]*)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&gt;/g, '>'));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect([link, (await fetch(gare.url + link, { headers: { cookie: team.cookie } })).status]).toEqual([link, 200]);
  });
});

describe('« Pages à corriger »', () => {
  it('names the links, the bad path and the refused names for the team, in French', async () => {
    const html = await (await fetch(`${gare.url}/a-corriger`, { headers: { cookie: team.cookie } })).text();
    expect(html).toContain('Fichiers du dépôt à corriger');
    expect(html).toContain('ressources/wiki.fichiers');
    expect(html).toContain('lien symbolique');
    expect(html).toContain('pieges/ressources\\..\\..\\x.md');
    expect(html).toContain('chemin dangereux');
    expect(html).toContain('ligne\\nsuivante');
    expect(html).toContain('r&amp;d');
  });

  it('shows none of them to a visitor or a contributeur', async () => {
    for (const who of [undefined, contributor]) {
      const res = await fetch(`${gare.url}/a-corriger`, { headers: who ? { cookie: who.cookie } : {} });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('wiki.fichiers');
      expect(html).not.toContain('pieges/ressources');
    }
  });
});
