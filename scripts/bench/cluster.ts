/**
 * Several instances (issue 13): pad fan-out with 50 editors split over two instances against one,
 * and a page saved on A until B serves it. The servers the instances share (PostgreSQL, Redis, a
 * forge behind `git http-backend`) are started here on loopback, with the tests' own starters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from '../../tests/helpers/postgres-server.ts';
import { startRedisServer } from '../../tests/helpers/redis-server.ts';
import { createMember, pageOn, savePage, spawnHub, startSeededForge } from '../../tests/cluster/cluster-hubs.ts';
import { benchPadLoad, type PadFigures, type PadLoad } from './pads.ts';
import { ms, percentile } from './measure.ts';

/** Figures of the cluster section. */
export interface ClusterFigures {
  /** One row per setup of the same typing load. */
  fanout: { setup: string; figures: PadFigures }[];
  /** Save on A → served on B, ms per save. */
  saveToServed: number[];
  /** Save on A → A's answer (its own index and search updated), ms per save. */
  saveAnswered: number[];
}

/** Runs both measures. */
export async function benchCluster({ root, quick }: { root: string; quick: boolean }): Promise<ClusterFigures> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-bench-cluster-'));
  try {
    const load: PadLoad = { name: '50 editors, 1 pad', pads: 1, perPad: 50, charsPerSecond: 5, durationMs: quick ? 4000 : 10_000 };
    const shared = async () => ({ GARE_DATABASE_URL: await postgres.createDatabase(), GARE_REDIS_URL: redis.url });
    const fanout: ClusterFigures['fanout'] = [];
    fanout.push({ setup: '1 instance, SQLite (embedded default)', figures: await benchPadLoad({ kind: 'ours', load, root }) });
    fanout.push({ setup: '1 instance, PostgreSQL + Redis', figures: await benchPadLoad({ kind: 'ours', load, root, env: await shared() }) });
    // A fresh Redis: nothing left of the previous setup's pad on it.
    await redis.stop();
    await redis.start();
    fanout.push({ setup: '2 instances, PostgreSQL + Redis (25 + 25)', figures: await benchPadLoad({ kind: 'ours', load, root, instances: 2, env: await shared() }) });

    const token = 'jeton-du-banc';
    const forge = await startSeededForge(dir, token);
    const database = await postgres.createDatabase();
    const env = { GARE_DATABASE_URL: database, GARE_REDIS_URL: redis.url, GARE_REMOTE_URL: forge.url, GARE_REMOTE_TOKEN: token, GARE_SYNC_INTERVAL: '3600' };
    const a = await spawnHub({ ...env, GARE_DATA_DIR: path.join(dir, 'a') });
    const b = await spawnHub({ ...env, GARE_DATA_DIR: path.join(dir, 'b') });
    const saveToServed: number[] = [];
    const saveAnswered: number[] = [];
    try {
      const member = await createMember(database, a);
      for (let i = 0; i < (quick ? 10 : 40); i++) {
        const word = `bancdessai${i}x`;
        const page = await pageOn(a, member, 'accueil/bienvenue');
        // Timed from the save request; B is polled meanwhile, not after A answers: A answers once its
        // own search has the change, which B does not wait for.
        const t0 = performance.now();
        const answered = savePage(a, member, page, `${page.body}\n${word}\n`).then(async (saved) => {
          if (saved.status !== 200) throw new Error(`save on A answered ${saved.status}: ${await saved.text()}`);
          return performance.now() - t0;
        });
        // Its failure is thrown below, once awaited; meanwhile it must not count as unhandled.
        answered.catch(() => undefined);
        for (;;) {
          const onB = await fetch(`${b.url}/api/pages/accueil/bienvenue`, { headers: { cookie: member.cookie } });
          if ((await onB.text()).includes(word)) break;
          if (performance.now() - t0 > 30_000) throw new Error('B never served the save made on A');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        saveToServed.push(performance.now() - t0);
        saveAnswered.push(await answered);
      }
    } finally {
      await Promise.allSettled([a.stop(), b.stop()]);
      await forge.close();
    }
    return { fanout, saveToServed, saveAnswered };
  } finally {
    await Promise.allSettled([redis.close(), postgres.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the two tables. */
export function printCluster({ fanout, saveToServed, saveAnswered }: ClusterFigures): void {
  console.log('\n## Several instances (issue 13)\n');
  console.log('| setup | chars/s/editor | keystroke → other editors p50 | p99 | samples | servers CPU (1 core) | converged | disconnects |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const { setup, figures: f } of fanout) {
    console.log(`| ${setup} | ${f.charsPerSecond} | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} | ${f.samples} | ${f.serverCpuPercent.toFixed(0)} % | ${f.converged ? 'yes' : 'NO'} | ${f.disconnects} |`);
  }
  console.log('\n| page saved on A → served on B | p50 | p99 | saves |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| web save, pushed to the forge, announced over Redis, fetched by B | ${ms(percentile(saveToServed, 50))} | ${ms(percentile(saveToServed, 99))} | ${saveToServed.length} |`);
  console.log(`| (for comparison) the save's answer on A, its own index and search updated | ${ms(percentile(saveAnswered, 50))} | ${ms(percentile(saveAnswered, 99))} | ${saveAnswered.length} |`);
  console.log('\nEditors are y-websocket clients in the bench process, spread over the instances in turn; each server runs alone in a child process. The save row is timed from the save request on A to the first answer of B holding the new text (B polled every 2 ms from the request on, while A answers); the forge is git http-backend on loopback.');
}
