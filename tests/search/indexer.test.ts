import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSearchIndexer, type SearchIndexer } from '../../server/search/indexer.ts';
import { closePagefind } from '../../server/search/bundle.ts';
import type { SearchManifest } from '../../server/search/manifest.ts';
import { createWikiSearch } from '../../site/scripts/search-client.ts';
import { fileFetch, filePrefix, installFileFetch, makeRecord, readBundleFiles, removeTempDirs, tempDir } from './helpers.ts';

const canary = 'zorglubinette';

const pages = [
  makeRecord({
    url: '/wiki/ressources/pole-emploi',
    title: 'S’inscrire à Pôle Emploi',
    text: 'Les démarches d’inscription à Pôle Emploi pour un entrepreneur accompagné.',
    tags: ['Pôle Emploi', 'statut juridique'],
    type: 'ressource',
    typeLabel: 'Fiche ressource',
  }),
  makeRecord({
    url: '/wiki/tutoriels/pseudonymisation',
    title: 'Tutoriel de pseudonymisation',
    text: 'Remplacer les noms par des pseudonymes avant de publier un compte-rendu.',
    tags: ['données personnelles'],
    type: 'tutoriel',
    typeLabel: 'Tutoriel',
  }),
  makeRecord({
    url: '/wiki/equipe/entretien-martin',
    title: `Entretien confidentiel ${canary}`,
    text: `Situation personnelle de ${canary} : dettes, santé, Pôle Emploi.`,
    tags: [`dossier ${canary}`],
    type: 'compte-rendu',
    typeLabel: 'Compte-rendu',
    summary: `Résumé ${canary}`,
    visibility: 'equipe',
  }),
];

async function manifestOf(outDir: string, audience: string): Promise<SearchManifest> {
  return JSON.parse(await readFile(join(outDir, audience, 'manifest.json'), 'utf8')) as SearchManifest;
}

describe('search bundles per audience', () => {
  let outDir: string;
  let indexer: SearchIndexer;

  beforeAll(async () => {
    installFileFetch();
    outDir = await tempDir();
    indexer = createSearchIndexer({ outDir, now: () => new Date('2026-03-12T10:00:00Z') });
    await indexer.rebuildAll(pages);
  });
  afterAll(async () => {
    await closePagefind();
    await removeTempDirs();
  });

  it('a query without accents finds the accented page', async () => {
    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    const { results } = await search.searchWiki('pole emploi');
    expect(results.map((r) => r.url)).toEqual(['/wiki/ressources/pole-emploi']);
    expect(results[0]?.excerpt).toContain('<mark>Pôle</mark>');
    const stemmed = await search.searchWiki('demarche');
    expect(stemmed.results.map((r) => r.url)).toEqual(['/wiki/ressources/pole-emploi']);
  });

  it('a team page is absent from every file of the public bundle', async () => {
    const files = await readBundleFiles(join(outDir, 'public'));
    expect(files.some((f) => f.path.endsWith('.pf_fragment'))).toBe(true);
    expect(files.some((f) => f.path.endsWith('.pf_index'))).toBe(true);
    expect(files.some((f) => f.path.endsWith('.pf_filter'))).toBe(true);
    const stem = canary.slice(0, 7); // Pagefind stores stems: `zorglub…` in any form
    const leaks = files.filter((f) => f.text.toLowerCase().includes(stem) || f.text.includes('entretien-martin'));
    expect(leaks.map((f) => f.path)).toEqual([]);
    // The check can fail: the team bundle does hold the canary.
    const team = await readBundleFiles(join(outDir, 'equipe'));
    expect(team.some((f) => f.text.includes(canary))).toBe(true);
  });

  it('filters by tag and type are in the index', async () => {
    const files = await readBundleFiles(join(outDir, 'public'));
    const filters = files.filter((f) => f.path.endsWith('.pf_filter')).map((f) => f.text).join('\n');
    expect(filters).toContain('Pôle Emploi');
    expect(filters).toContain('tutoriel');
    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    const values = await search.getFilters();
    expect(values.tags.map((t) => t.value)).toContain('données personnelles');
    expect(values.types).toContainEqual({ value: 'tutoriel', label: 'Tutoriel', count: 1 });
    const byType = await search.searchWiki('', { types: ['tutoriel'] });
    expect(byType.results.map((r) => r.url)).toEqual(['/wiki/tutoriels/pseudonymisation']);
    const byTag = await search.searchWiki('', { tags: ['Pôle Emploi'] });
    expect(byTag.results.map((r) => r.url)).toEqual(['/wiki/ressources/pole-emploi']);
  });

  it('an updated page is searchable through the delta after update() and the stale base result is dropped', async () => {
    const before = await manifestOf(outDir, 'public');
    const started = performance.now();
    await indexer.update({
      upserts: [makeRecord({ ...pages[0]!, text: 'Pôle Emploi devient France Travail : nouvelles cerisaies.' })],
    });
    const ms = performance.now() - started;
    const after = await manifestOf(outDir, 'public');
    expect(after.baseVersion).toBe(before.baseVersion);
    expect(after.deltaPath).toMatch(/^delta-.*\/pagefind\/$/);
    expect(after.changedUrls).toEqual(['/wiki/ressources/pole-emploi']);
    const delta = await readBundleFiles(join(outDir, 'public', after.deltaPath!));
    expect(delta.some((f) => f.text.includes('cerisaies'))).toBe(true);
    expect(ms).toBeLessThan(2000);

    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    const fresh = await search.searchWiki('cerisaies');
    expect(fresh.results.map((r) => r.url)).toEqual(['/wiki/ressources/pole-emploi']);
    // « démarches » is only in the old text: the base still matches it, the client must drop it.
    const stale = await search.searchWiki('demarches');
    expect(stale.results).toEqual([]);
    const both = await search.searchWiki('pole emploi');
    expect(both.results.map((r) => r.url)).toEqual(['/wiki/ressources/pole-emploi']);
  });

  it('a team edit does not touch the public bundle', async () => {
    const before = await manifestOf(outDir, 'public');
    await indexer.update({ upserts: [makeRecord({ ...pages[2]!, text: `Nouvelles notes ${canary}` })] });
    expect(await manifestOf(outDir, 'public')).toEqual(before);
    expect((await manifestOf(outDir, 'equipe')).changedUrls).toContain('/wiki/equipe/entretien-martin');
  });

  it('a public page made team-only leaves the public bundle at once', async () => {
    await indexer.update({
      upserts: [makeRecord({ ...pages[1]!, visibility: 'equipe', text: 'Devenu interne' })],
    });
    const files = await readBundleFiles(join(outDir, 'public'));
    expect(files.filter((f) => /pseudonym/i.test(f.text)).map((f) => f.path)).toEqual([]);
    const manifest = await manifestOf(outDir, 'public');
    expect(manifest.basePages).toBe(1);
    const team = createWikiSearch({ prefix: filePrefix(outDir, 'equipe'), fetch: fileFetch, suggestUrl: null });
    expect((await team.searchWiki('interne')).results.map((r) => r.url)).toEqual(['/wiki/tutoriels/pseudonymisation']);
  });

  it('a deleted page is listed as removed and no longer found', async () => {
    await indexer.update({ removedUrls: ['/wiki/equipe/entretien-martin'] });
    const manifest = await manifestOf(outDir, 'equipe');
    expect(manifest.removedUrls).toEqual(['/wiki/equipe/entretien-martin']);
    const team = createWikiSearch({ prefix: filePrefix(outDir, 'equipe'), fetch: fileFetch, suggestUrl: null });
    expect((await team.searchWiki(canary)).results).toEqual([]);
  });
});

describe('background base rebuilds', () => {
  afterAll(async () => {
    await closePagefind();
    await removeTempDirs();
  });

  it('folds a grown delta into a new base in the background without losing later edits', async () => {
    installFileFetch();
    const outDir = await tempDir();
    const indexer = createSearchIndexer({ outDir, maxDeltaPages: 2 });
    const records = Array.from({ length: 6 }, (_, i) => makeRecord({ url: `/wiki/p${i}`, title: `Page ${i}`, text: `Texte initial ${i}.` }));
    await indexer.rebuildAll(records);
    const firstBase = (await manifestOf(outDir, 'public')).baseVersion;

    await indexer.update({ upserts: records.slice(0, 3).map((r) => ({ ...r, text: `${r.text} myrtille` })) });
    expect(indexer.stats().audiences.public.rebuildingBase).toBe(true);
    // An edit arriving while the base is rebuilt must end up in the new delta.
    await indexer.update({ upserts: [{ ...records[5]!, text: 'Texte final : mirabelle.' }] });
    await indexer.idle();

    const manifest = await manifestOf(outDir, 'public');
    expect(manifest.baseVersion).not.toBe(firstBase);
    expect(manifest.basePages).toBe(6);
    const search = createWikiSearch({ prefix: filePrefix(outDir, 'public'), fetch: fileFetch, suggestUrl: null });
    expect((await search.searchWiki('myrtille')).results).toHaveLength(3);
    expect((await search.searchWiki('mirabelle')).results.map((r) => r.url)).toEqual(['/wiki/p5']);

    const folders = (await readdir(join(outDir, 'public'))).filter((f) => f !== 'manifest.json');
    expect(folders.length).toBeLessThanOrEqual(4); // live base and delta, plus the previous round at most
    expect(await readdir(join(outDir, '.staging'))).toEqual([]);
  });
});
