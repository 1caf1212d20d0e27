/** Starts the real hub on a free port over a temporary data folder (sample wiki seeded). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGare, type RunningGare } from '../../server/main.ts';
import type { Config } from '../../server/config.ts';

/** Project folder. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A hub started for a test, with its temporary folder. */
export interface TestHub extends RunningGare {
  /** Temporary data folder (removed by `stop`). */
  dataDir: string;
  /** Stops the hub and removes its folder. */
  stop(): Promise<void>;
}

/** Starts a hub; `contentDir` serves an existing repository instead of seeding the sample. */
export async function startTestHub(options: { contentDir?: string; now?: () => number } = {}): Promise<TestHub> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-hub-'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    contentDir: options.contentDir ?? path.join(dataDir, 'wiki'),
    seedContent: options.contentDir === undefined,
    publicUrl: undefined,
    remote: undefined,
  };
  const gare = await startGare({ config, root, ...(options.now ? { now: options.now } : {}) });
  // Tests read versions and authors right away: wait for the history built behind the first page.
  await gare.hub.historyReady;
  return {
    ...gare,
    dataDir,
    async stop() {
      await gare.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the hub over `dataDir`, kept across stops (the sample is seeded on the first start), for restart tests; resolves once its search is ready. */
export async function startHubIn(dataDir: string): Promise<RunningGare> {
  const config: Config = { port: 0, host: '127.0.0.1', dataDir, contentDir: path.join(dataDir, 'wiki'), seedContent: true, publicUrl: undefined, remote: undefined };
  const gare = await startGare({ config, root });
  await gare.hub.search.ready;
  return gare;
}
