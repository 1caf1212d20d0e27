/**
 * Images of a folder made with another tool, relative to the page (`img/x.png`, `../assets/`,
 * `.gitbook/assets/`, a Hugo bundle) or embedded by name (`![[x.png]]`), through a real hub:
 * shown, served under `/fichiers/` to whoever may read every page linking them, never a path
 * out of the repository, never git's own files, never a file no page links.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagePath } from '../../server/wiki/paths.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

// A 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64');

const pages: Record<string, string> = {
  '_gare/visibilite.yml': 'defaut: public\nrubriques:\n  interne: equipe\n',
  'guide/index.md': [
    '# Guide',
    '',
    '![Schéma du parcours](img/schema.png)',
    '',
    '![Logo](../assets/logo.png) ![Carte](../.gitbook/assets/carte.png)',
    '',
    '![[photo.png]] ![[Fiche pratique]]',
    '',
  ].join('\n'),
  'bundle/index.md': '# Un paquet Hugo\n\n![Image du paquet](image.png)\n',
  'fiche.md': '# Fiche pratique\n\nTexte.\n',
  'interne/dossier.md': '# Dossier interne\n\n![Scan](scan.png) ![[partage.png]]\n',
  'pirate.md': '# Page publique\n\n![x](interne/scan.png) ![y](.git/config) ![z](_gare/visibilite.yml) ![w](guide/img/lien.png) ![[partage.png]] ![v](interne/releve.png)\n',
};
const images = ['guide/img/schema.png', 'assets/logo.png', '.gitbook/assets/carte.png', 'pieces/photo.png', 'bundle/image.png', 'interne/scan.png', 'partage.png', 'assets/jamais-lie.png', 'interne/releve.png'];

let repo: string;
let gare: TestHub;
let team: TestSession;

const git = (...args: string[]): string => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
const get = (address: string, who?: TestSession) => fetch(gare.url + address, { headers: who ? { cookie: who.cookie } : {} });

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'gare-images-'));
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), content);
  };
  for (const [file, text] of Object.entries(pages)) await write(file, text);
  for (const file of images) await write(file, png);
  // A link pushed into the repository must never lead outside it.
  await symlink('/etc/hostname', path.join(repo, 'guide/img/lien.png'));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Doc', '-c', 'user.email=doc@example.org', 'commit', '-q', '-m', 'Documentation');
  gare = await startTestHub({ contentDir: repo });
  team = await signIn(gare.hub, 'equipe', 'Théa Équipe');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

/** The page's HTML as a visitor gets it. */
async function pageHtml(file: string): Promise<string> {
  const res = await get(gare.hub.index.addressOf(file as PagePath));
  expect(res.status).toBe(200);
  return res.text();
}

describe('images relative to the page, and embedded by name', () => {
  it('are shown with their /fichiers/ address and served to a visitor', async () => {
    const html = await pageHtml('guide/index.md');
    const sources = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(sources).toEqual([
      ['/fichiers/guide/img/schema.png', 'Schéma du parcours'],
      ['/fichiers/assets/logo.png', 'Logo'],
      ['/fichiers/.gitbook/assets/carte.png', 'Carte'],
      ['/fichiers/pieces/photo.png', 'photo'],
    ]);
    expect(html).toMatch(/<a href="\/wiki\/fiche" class="wikilink link-card"[^>]*>Fiche pratique<\/a>/);
    for (const [src] of sources) {
      const res = await get(src ?? '');
      expect(res.status, src).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    }
  });

  it('a Hugo page bundle shows its own image', async () => {
    expect(await pageHtml('bundle/index.md')).toContain('<img src="/fichiers/bundle/image.png" alt="Image du paquet">');
    expect((await get('/fichiers/bundle/image.png')).status).toBe(200);
  });

  it('none of them is a broken link, and ![[photo.png]] is no page link', () => {
    const broken = gare.hub.index.brokenLinks().filter((b) => b.from !== 'pirate.md');
    expect(broken).toEqual([]);
    expect(gare.hub.index.linksOf('guide/index.md' as PagePath).filter((l) => l.kind === 'wiki')).toEqual([
      { kind: 'wiki', target: 'photo.png', resolved: undefined, file: true, broken: false },
      expect.objectContaining({ kind: 'wiki', target: 'Fiche pratique', resolved: 'fiche.md' }),
    ]);
  });
});

describe('who may fetch a linked file', () => {
  it('a file a team page links is the team’s, even when a public page links it too', async () => {
    expect((await get('/fichiers/interne/scan.png')).status).toBe(404);
    expect((await get('/fichiers/partage.png')).status).toBe(404);
    expect((await get('/fichiers/interne/scan.png', team)).status).toBe(200);
    expect((await get('/fichiers/partage.png', team)).status).toBe(200);
  });

  it('a file among team pages is the team’s, even when only a public page links it', async () => {
    expect((await get('/fichiers/interne/releve.png')).status).toBe(404);
    expect((await get('/fichiers/interne/releve.png', team)).status).toBe(200);
  });

  it('a file no page links is never served, to anyone', async () => {
    expect((await get('/fichiers/assets/jamais-lie.png', team)).status).toBe(404);
  });

  it('git’s own files, the hub’s settings, symbolic links and paths out of the repository are refused', async () => {
    for (const address of ['/fichiers/.git/config', '/fichiers/_gare/visibilite.yml', '/fichiers/guide/img/lien.png', '/fichiers/%2e%2e/%2e%2e/etc/hostname', '/fichiers/guide/..%2F..%2Fetc/hostname']) {
      expect((await get(address, team)).status, address).toBe(404);
    }
  });
});
