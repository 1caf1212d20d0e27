import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

let dir: string;
async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-index-'));
  await put('ressources/visio.md', '---\ntitle: Visio libre\ntype: ressource\ntags: [Pôle Emploi, outils]\n---\nVoir [[Écrire à plusieurs]] et [[Page absente]].\n');
  await put('ressources/ecrire.md', '---\ntitle: Écrire à plusieurs\ntype: ressource\ntags: [pole emploi]\n---\nRetour à [la visio](visio.md#debut).\n```\n[[Pas un lien]]\n```\n');
  await put('equipe/secret.md', '---\ntitle: Dossier Martin\ntype: accompagnement\ntags: [Pôle Emploi]\n---\n');
  await put('_modeles/reunion.md', '---\ntitle: Modèle\n---\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the wiki index', () => {
  it('reads every page but templates, with tags compared without case or accents', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(index.all().map((p) => p.path).sort()).toEqual(['equipe/secret.md', 'ressources/ecrire.md', 'ressources/visio.md']);
    const tag = index.tags().find((t) => t.key === 'pole-emploi');
    expect(tag?.pages).toHaveLength(3);
    expect(tag?.label).toBe('Pôle Emploi');
  });

  it('computes backlinks from wiki and relative links, ignoring code, and lists broken links', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(index.backlinks('ressources/ecrire.md' as never).map((p) => p.path)).toEqual(['ressources/visio.md']);
    expect(index.backlinks('ressources/visio.md' as never).map((p) => p.path)).toEqual(['ressources/ecrire.md']);
    expect(index.brokenLinks()).toEqual([{ from: 'ressources/visio.md', target: 'Page absente', kind: 'wiki' }]);
    expect(index.orphans().map((p) => p.path)).toEqual(['equipe/secret.md']);
  });

  it('follows tag aliases: Pôle Emploi pages are found under France Travail', async () => {
    await put('_gare/tags.yml', 'alias:\n  Pôle Emploi: France Travail\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    const tags = index.tags();
    expect(tags.find((t) => t.key === 'pole-emploi')).toBeUndefined();
    expect(tags.find((t) => t.key === 'france-travail')).toMatchObject({ label: 'France Travail', aliases: ['pole-emploi'] });
    expect(tags.find((t) => t.key === 'france-travail')?.pages).toHaveLength(3);
  });

  it('re-reads only what changed on refresh, and forgets deleted pages', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    const before = index.version;
    expect(await index.refresh()).toMatchObject({ changed: [], removed: [] });
    await put('ressources/nouvelle.md', '# Nouvelle fiche\n');
    await rm(path.join(dir, 'equipe/secret.md'));
    const change = await index.refresh();
    expect(change).toMatchObject({ changed: ['ressources/nouvelle.md'], removed: ['equipe/secret.md'] });
    // The removed page as it was, for those told of the change (comments, notifications); the new one had no before.
    expect(change.before.get('equipe/secret.md' as PagePath)?.meta.title).toBeDefined();
    expect(change.before.has('ressources/nouvelle.md' as PagePath)).toBe(false);
    expect(index.version).toBeGreaterThan(before);
    expect(index.getBySlug('ressources/nouvelle')?.meta.title).toBe('Nouvelle fiche');
  });

  it('keeps serving the other pages when one front matter is broken', async () => {
    await put('ressources/casse.md', '---\ntitle: [oops\n---\nCorps\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(index.problems().map((p) => p.path)).toEqual(['ressources/casse.md']);
    expect(index.all()).toHaveLength(4);
  });
});

describe('sync conflicts', () => {
  it('keeps the remote side of a conflict team-only and flags both pages « à réconcilier »', async () => {
    await put('ressources/visio.distant.md', '---\ntitle: Visio libre (distante)\ntype: ressource\nvisibility: public\n---\nAutre version.\n');
    const index = createWikiIndex({ dir });
    await index.refresh();
    expect(index.get('ressources/visio.distant.md')?.meta).toMatchObject({ visibility: 'equipe', status: 'a-reconcilier' });
    expect(index.get('ressources/visio.md')?.meta.status).toBe('a-reconcilier');
    await rm(path.join(dir, 'ressources/visio.distant.md'));
    await index.refresh();
    expect(index.get('ressources/visio.md')?.meta.status).toBeUndefined();
  });
});

describe('link version', () => {
  it('moves when a link could resolve differently, not when only a body changes', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    const start = index.linkVersion;
    await put('ressources/visio.md', '---\ntitle: Visio libre\ntype: ressource\ntags: [Pôle Emploi, outils]\n---\nUn autre texte, plus long.\n');
    await index.refresh();
    expect(index.linkVersion).toBe(start);
    await put('ressources/visio.md', '---\ntitle: Visio libre et gratuite\ntype: ressource\n---\nTexte.\n');
    await index.refresh();
    expect(index.linkVersion).toBe(start + 1);
    await put('ressources/nouvelle.md', '# Nouvelle\n');
    await index.refresh();
    expect(index.linkVersion).toBe(start + 2);
  });
});
