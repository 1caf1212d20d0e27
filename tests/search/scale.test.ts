import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSearchIndexer } from '../../server/search/indexer.ts';
import { closePagefind } from '../../server/search/bundle.ts';
import type { SearchManifest } from '../../server/search/manifest.ts';
import { generateRecords, makeRecord, removeTempDirs, tempDir } from './helpers.ts';

// 10,000 pages take tens of seconds on a shared machine: measured on demand (SEARCH_BENCH=1).
const sizes = process.env['SEARCH_BENCH'] ? [1_000, 10_000] : [1_000];

describe('search at scale', () => {
  afterAll(async () => {
    await closePagefind();
    await removeTempDirs();
  });

  for (const size of sizes) {
    it(`an edit on a ${size.toLocaleString('en')}-page wiki is searchable in well under a second`, async () => {
      const outDir = await tempDir();
      const indexer = createSearchIndexer({ outDir, maxDeltaPages: 10 });
      const records = generateRecords(size);
      let started = performance.now();
      await indexer.rebuildAll(records);
      const buildMs = performance.now() - started;

      const edited = makeRecord({ ...records[1]!, text: 'Texte modifié : framboisier.' });
      started = performance.now();
      await indexer.update({ upserts: [edited] });
      const updateMs = performance.now() - started;

      // A burst of edits coalesces into few builds.
      started = performance.now();
      await Promise.all(records.slice(2, 22).map((r) => indexer.update({ upserts: [{ ...r, text: `${r.text} groseille` }] })));
      const burstMs = performance.now() - started;

      // The burst grew the delta past 10 pages: the base is rebuilt on the other Pagefind service
      // and an edit meanwhile is not held up by it.
      expect(indexer.stats().audiences.public.rebuildingBase).toBe(true);
      started = performance.now();
      await indexer.update({ upserts: [{ ...edited, text: 'Texte modifié : cassis.' }] });
      const duringMs = performance.now() - started;
      const stillRebuilding = indexer.stats().audiences.public.rebuildingBase;
      await indexer.idle();

      const manifest = JSON.parse(await readFile(join(outDir, 'public', 'manifest.json'), 'utf8')) as SearchManifest;
      console.log(
        `${size} pages: full build ${buildMs.toFixed(0)} ms (both audiences), update of 1 page ${updateMs.toFixed(0)} ms, ` +
          `burst of 20 updates ${burstMs.toFixed(0)} ms, update during a base rebuild ${duringMs.toFixed(0)} ms` +
          ` (${stillRebuilding ? 'base still rebuilding' : 'base done'})`,
      );
      expect(manifest.changedUrls).toContain(edited.url);
      expect(updateMs).toBeLessThan(1000);
      expect(duringMs).toBeLessThan(1000);
    });
  }
});
