/** Pages read and parsed in worker threads are the pages the event loop would have parsed, whatever the file. */
import { cp, mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentText } from '../../server/git/content-files.ts';
import { pageFromText, pageText } from '../../server/wiki/page-file.ts';
import { parseInWorkers } from '../../server/wiki/parse-pool.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { parseRepoSettings } from '../../server/wiki/repo-settings.ts';
import { scanPageFiles, type PageScan } from '../../server/wiki/scan-files.ts';
import { scanInWorker, tracksManyFiles } from '../../server/wiki/scan-in-worker.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import { pathologicalBodies } from './pathological-inputs.ts';

let root: string;
let dir: string;
const sample = path.resolve(import.meta.dirname, '../../content');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gare-parse-workers-'));
  dir = path.join(root, 'wiki');
  await cp(sample, dir, { recursive: true });
  await mkdir(path.join(dir, 'bizarre'), { recursive: true });
  for (const [k, { name, body }] of pathologicalBodies([40_000]).entries()) {
    await writeFile(path.join(dir, 'bizarre', `cas-${k}.md`), `---\ntitle: ${JSON.stringify(name)}\n---\n\n${body}\n`);
  }
  await writeFile(path.join(dir, 'bizarre', 'yaml-casse.md'), '---\ntitle: [non fermé\n---\n\nCorps.\n');
  await writeFile(path.join(dir, 'bizarre', 'code.md'), '---js\nmodule.exports = { title: "x" }\n---\n\nCorps.\n');
  await writeFile(path.join(dir, 'bizarre', 'toml.md'), '+++\ntitle = "Toml"\ntags = ["a"]\n+++\n\nVoir [[Accueil]].\n');
  await writeFile(path.join(dir, 'bizarre', 'vide.md'), '');
  await writeFile(path.join(dir, 'bizarre', 'crlf.md'), '---\r\ntitle: Fin de ligne\r\n---\r\n\r\nVoir [[Accueil]].\r\n');
  await writeFile(path.join(root, 'dehors.md'), '---\ntitle: Dehors\n---\n\nSecret.\n');
  await symlink(path.join(root, 'dehors.md'), path.join(dir, 'bizarre', 'lien.md'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('parse workers', () => {
  it('give the same pages and links as the in-thread parse, for the sample wiki and pathological files', async () => {
    const scan = await scanPageFiles(dir);
    const settings = parseRepoSettings({ visibility: await readContentText(dir, '_gare/visibilite.yml') });
    const files = [...scan.pages].map(([p, s]): [PagePath, number] => [p, s.size]);
    expect(files.length).toBeGreaterThan(40);
    const inThread = await Promise.all(files.map(async ([p, size]) => {
      const text = pageText(p, size, () => undefined) ?? (await readContentText(dir, p));
      return text === undefined ? undefined : pageFromText({ path: p, text, size, settings });
    }));
    const inWorkers = await parseInWorkers({ dir, settings, files, threads: 2, batch: 7 });
    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.every((x) => x !== undefined)).toBe(true);
    // A file reached through a link is never read, in a worker as on the event loop.
    expect(await parseInWorkers({ dir, settings, files: [['bizarre/lien.md' as PagePath, 10]] })).toEqual([undefined]);
  });

  it('walk the folder as the event loop does: same pages, stamps, skipped links and attachments', async () => {
    const sorted = (scan: PageScan) => ({ ...scan, pages: [...scan.pages].sort(), markers: [...scan.markers].sort() });
    const inWorker = await scanInWorker(dir);
    expect(sorted(inWorker)).toEqual(sorted(await scanPageFiles(dir)));
    expect(inWorker.skipped).toContainEqual({ path: 'bizarre/lien.md', kind: 'link' });
    expect(inWorker.pages.has('bizarre/cas-0.md' as PagePath)).toBe(true);
  });

  it('are used for a first walk only when the git index tells many files', async () => {
    expect(await tracksManyFiles(dir, 1)).toBe(false);
    await mkdir(path.join(dir, '.git'), { recursive: true });
    await writeFile(path.join(dir, '.git', 'index'), Buffer.alloc(100 * 50));
    expect(await tracksManyFiles(dir, 50)).toBe(true);
    expect(await tracksManyFiles(dir, 400)).toBe(false);
    const index = createWikiIndex({ dir, workerThreshold: 1 });
    await index.refresh();
    const inThread = createWikiIndex({ dir, workerThreshold: Number.POSITIVE_INFINITY });
    await inThread.refresh();
    expect(index.counters).toMatchObject({ walksInWorker: 1, pagesReadInWorkers: index.counters.pagesRead });
    expect(inThread.counters).toMatchObject({ walksInWorker: 0, pagesReadInWorkers: 0 });
    expect(index.all()).toEqual(inThread.all());
    expect(index.skippedFiles()).toEqual(inThread.skippedFiles());
  });

  it('build the same index as the in-thread reads', async () => {
    const inThread = createWikiIndex({ dir, workerThreshold: Number.POSITIVE_INFINITY });
    const inWorkers = createWikiIndex({ dir, workerThreshold: 1 });
    await Promise.all([inThread.refresh(), inWorkers.refresh()]);
    expect(inWorkers.all()).toEqual(inThread.all());
    expect(inWorkers.all().map((p) => p.path)).toEqual(inThread.all().map((p) => p.path));
    expect(inWorkers.brokenLinks()).toEqual(inThread.brokenLinks());
    expect(inWorkers.counters.pagesRead).toBe(inThread.counters.pagesRead);
  });
});
