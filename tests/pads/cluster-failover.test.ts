import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPadStore } from '../../server/pads/pad-store.ts';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { spawnPadInstance, startBalancer } from './cluster-helpers.ts';
import { synced, usePadCleanups, waitFor } from './helpers.ts';
import { redisPadCluster } from '../../server/pads/redis-pad-cluster.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});

describeEachStore('an instance killed while people type', (open, dialect) => {
  const { server, client, cleanups } = usePadCleanups();

  it('loses nothing acknowledged, and its editors carry on through the other instance', async () => {
    const store = await open();
    const b = await server({ store, cluster: redisPadCluster(redis.url) });
    await b.pads.started();
    await b.pads.seedText('plen', '');
    const a = await spawnPadInstance(store.location, redis.url);
    cleanups.push(() => a.child.kill('SIGKILL'));
    // The balancer sends every new connection to A while it lives, then to B.
    const balancer = await startBalancer(() => [a.port, Number(new URL(b.url).port)]);
    cleanups.push(() => balancer.close());

    const typist = client(balancer.url, 'plen', { user: 'alice' });
    const watcher = client(b.url, 'plen', { user: 'bob' });
    const onA = client(a.url, 'plen', { user: 'carol' });
    await Promise.all([synced(typist.provider), synced(watcher.provider), synced(onA.provider)]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Carol' });
    await waitFor(() => [...watcher.provider.awareness.getStates().values()].some((s) => s['user']?.name === 'Carol'), 5000, 'Bob to see Carol');

    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    let typed = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        typist.text.insert(typist.text.length, alphabet[typed % 26]!);
        typed += 1;
        if (typed === 150) a.child.kill('SIGKILL');
        if (typed === 300) {
          clearInterval(timer);
          resolve();
        }
      }, 4);
    });
    // What Bob saw on B came from A through Redis, so A had stored it: it must be in the database.
    const acknowledged = watcher.text.toString();
    const doc = new Y.Doc();
    for (const update of await createPadStore({ sql: store }).loadUpdates('plen')) Y.applyUpdate(doc, update);
    const stored = doc.getText(PAD_TEXT).toString();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(stored.startsWith(acknowledged)).toBe(true);

    // Alice's editor reconnects through the balancer to B and sends what A never stored.
    await waitFor(() => watcher.text.toString() === typist.text.toString(), 15_000, 'Alice’s text to reach Bob through B');
    expect(typist.text.toString()).toHaveLength(300);
    expect(await b.pads.getText('plen')).toBe(typist.text.toString());

    if (dialect === 'sqlite') {
      // Carol was on A alone: with A dead, her cursor leaves B when it is not renewed (30 s).
      await waitFor(() => ![...watcher.provider.awareness.getStates().values()].some((s) => s['user']?.name === 'Carol'), 40_000, 'Carol’s cursor to go');
    }
  }, 60_000);
});
