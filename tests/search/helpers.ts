/** Shared helpers of the search tests: records, generated wikis, bundle reading, file fetch. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { SearchRecord } from '../../server/search/record.ts';

/** A record with defaults; override what the test is about. */
export function makeRecord(over: Partial<SearchRecord> & { url: string }): SearchRecord {
  return {
    title: 'Page sans titre',
    text: 'Texte ordinaire de la page.',
    tags: [],
    type: 'ressource',
    typeLabel: 'Fiche ressource',
    visibility: 'public',
    ...over,
  };
}

const created: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gare-search-'));
  created.push(dir);
  return dir;
}

/** Removes the directories `tempDir` made in this test file (bundles of 10k pages weigh). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

const words = (
  'atelier benevole association outil tutoriel numerique formation seance collectif ressource partage ' +
  'licence inscription accueil cooperative entrepreneur projet budget statut juridique rendez-vous ' +
  'emploi reseau logiciel libre carte donnees securite sauvegarde mot passe courriel agenda reunion ' +
  'decision action responsable echeance animation prise notes gardien temps compte rendu entretien'
).split(' ');

/** A deterministic generator of non-negative integers (mulberry32). */
export function randomInts(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `count` pseudo-random French-ish pages (deterministic), a third of them team-only. */
export function generateRecords(count: number, wordsPerPage = 300): SearchRecord[] {
  const next = randomInts(42);
  return Array.from({ length: count }, (_, i) => {
    const text = Array.from({ length: wordsPerPage }, () => `${words[next() % words.length]}${next() % 50 === 0 ? i : ''}`).join(' ');
    return makeRecord({
      url: `/wiki/generee/page-${i}`,
      title: `Page générée ${i} ${words[i % words.length]}`,
      text,
      tags: [`Thème ${i % 20}`],
      type: i % 3 === 0 ? 'compte-rendu' : 'ressource',
      typeLabel: i % 3 === 0 ? 'Compte-rendu' : 'Fiche ressource',
      visibility: i % 3 === 0 ? 'equipe' : 'public',
    });
  });
}

/** Every file under `dir`, with its bytes decoded as Pagefind stores them (gzip opened when it is gzip). */
export async function readBundleFiles(dir: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(
    files.map(async (path) => {
      const bytes = await readFile(path);
      let text = bytes.toString('utf8');
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) text += `\n${gunzipSync(bytes).toString('utf8')}`;
      return { path, text };
    }),
  );
}

const networkFetch = globalThis.fetch;

/** A fetch that also reads `file:` URLs, so Pagefind's browser script runs in Node. */
export const fileFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith('file:')) return networkFetch(input, init);
  try {
    return new Response(await readFile(fileURLToPath(url.split('?')[0] ?? url)));
  } catch {
    return new Response('introuvable', { status: 404 });
  }
};

/** Makes Pagefind's own fetches (index chunks, fragments) go through `fileFetch`. */
export function installFileFetch(): void {
  globalThis.fetch = fileFetch;
}

/** `file:` URL prefix of an audience folder, as the browser client expects. */
export function filePrefix(outDir: string, audience: string): string {
  return pathToFileURL(join(outDir, audience)).href;
}
