/**
 * Page texts out of memory: the index keeps no body, and `index.pageSource` reads it back from the
 * file (or from git, for the page as it was before a change), through a cache bounded by bytes.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import { gitRun, makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

let root: string;
let dir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'a.md': page('Alpha', 'Premier texte.'), 'b.md': page('Bêta', 'Texte de bêta.') });
});
afterAll(() => removeDir(root));

describe('page texts read back', () => {
  it('keeps no body or source on the pages of the index', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    const a = index.get('a.md');
    expect(a).toBeDefined();
    expect(a).not.toHaveProperty('body');
    expect(a).not.toHaveProperty('source');
    expect(a?.excerpt).toBe('Premier texte.');
    expect(a?.size).toBe(Buffer.byteLength(page('Alpha', 'Premier texte.')));
  });

  it('serves the text of a commit at once, and the page before it from git', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    // Not read before the change: the cache cannot answer for the old text.
    await writeFile(dir, 'a.md', page('Alpha', 'Texte commité au terminal.'));
    await gitRun(dir, ['commit', '-qm', 'Alpha au terminal', '--', 'a.md']);
    const change = await index.refresh({ paths: ['a.md'] });
    expect((await index.pageSource('a.md'))?.body).toBe('Texte commité au terminal.\n');
    // The file holds the new text now: the old one comes from git by its blob id.
    const before = change.before.get('a.md' as never);
    expect(before).toBeDefined();
    expect((await index.pageSource(before as never))?.source).toBe(page('Alpha', 'Premier texte.'));
    expect(index.sourceCounters.blobReads).toBeGreaterThan(0);
  });

  it('reads an edit never committed from the working copy, and gives nothing for an unknown page', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    await writeFile(dir, 'b.md', page('Bêta', 'Modifié sans commit.'));
    await index.refresh();
    expect((await index.pageSource('b.md'))?.body).toBe('Modifié sans commit.\n');
    expect(await index.pageSource('absente.md')).toBeUndefined();
  });

  it('keeps none of the files in memory, not even through the strings taken from them', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const bigRoot = await makeTempDir();
    try {
      // Titles, tags, links and YAML values are cut from the text: slices that would keep each 1 MB file alive.
      const filler = 'Un paragraphe assez long pour peser. '.repeat(28_000);
      const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p-${i}.md`, `---\ntitle: Une page très longue numéro ${i}\ntags: [une étiquette assez longue ${i}]\n---\n\n## Contexte\n\n${filler}\n\nVoir aussi [[Une autre page assez longue ${i}]].\n`]));
      const bigDir = await seedContentRepo(bigRoot, files);
      gc();
      const before = process.memoryUsage().heapUsed;
      const index = createWikiIndex({ dir: bigDir });
      await index.refresh();
      gc();
      expect(index.all()).toHaveLength(5);
      // 5 files of 1 MB: far less than one of them stays.
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(1_000_000);
      expect((await index.pageSource('p-3.md'))?.body.length).toBeGreaterThan(1_000_000);
    } finally {
      await removeDir(bigRoot);
    }
  });

  it('reads a page viewed again from its cache, not from the disk', async () => {
    const index = createWikiIndex({ dir });
    await index.refresh();
    await index.pageSource('a.md');
    const reads = index.sourceCounters.fileReads;
    for (let i = 0; i < 5; i++) expect((await index.pageSource('a.md'))?.body).toBe('Texte commité au terminal.\n');
    expect(index.sourceCounters.fileReads).toBe(reads);
    expect(index.sourceCounters.hits).toBeGreaterThanOrEqual(5);
  });
});
