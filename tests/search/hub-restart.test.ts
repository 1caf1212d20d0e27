/**
 * A second start of the hub on the same repository and data folder serves the search bundles the
 * first start built (the manifest names the same base, no Pagefind indexer runs), takes back the
 * no-JavaScript search saved at the first stop, and /recherche answers.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchManifest } from '../../server/search/manifest.ts';
import { pagefindIndexesCreated } from '../../server/search/bundle.ts';
import { startHubIn } from '../helpers/start-hub.ts';

let dataDir: string;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const start = () => startHubIn(dataDir);
const manifest = async () => JSON.parse(await readFile(path.join(dataDir, 'search', 'public', 'manifest.json'), 'utf8')) as SearchManifest;

describe('a restart with an unchanged repository', () => {
  it('serves the search bundles built by the previous start', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-restart-'));
    const first = await start();
    const built = await manifest();
    expect(first.hub.search.indexer.stats().audiences.public.reusedBase).toBe(false);
    await first.close();

    const indexesBefore = pagefindIndexesCreated();
    const second = await start();
    try {
      const stats = second.hub.search.indexer.stats().audiences;
      expect(stats.public.reusedBase).toBe(true);
      expect(stats.equipe.reusedBase).toBe(true);
      // No Pagefind indexer ran, and the no-JavaScript search and suggestions were taken back.
      expect(pagefindIndexesCreated() - indexesBefore).toBe(0);
      expect(second.hub.search.indexer.stats().followersRestored).toBe(true);
      const served = await manifest();
      expect(served.baseVersion).toBe(built.baseVersion);
      expect(served.deltaVersion).toBeNull();
      const bundle = await fetch(`${second.url}/pagefind/public/manifest.json`);
      expect(((await bundle.json()) as SearchManifest).baseVersion).toBe(built.baseVersion);
      expect(await (await fetch(`${second.url}/recherche?q=visioconference`)).text()).toContain('href="/wiki/ressources/visioconference-libre"');
    } finally {
      await second.close();
    }
  }, 120_000);
});
