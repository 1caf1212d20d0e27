import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { synced, usePadCleanups, waitFor } from './helpers.ts';
import type { WebsocketProvider } from 'y-websocket';
import { redisPadCluster } from '../../server/pads/redis-pad-cluster.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});

/** Names in a provider's presence, sorted. */
const namesSeenBy = (provider: WebsocketProvider): string[] =>
  [...provider.awareness.getStates().values()].map((state) => String((state['user'] as { name?: unknown } | undefined)?.name)).sort();

describeEachStore('a pad on two instances sharing a store and Redis', (open) => {
  const { server, client } = usePadCleanups();

  /** Instances A and B over one database and one Redis, with the pad `reunion` created. */
  async function twoInstances() {
    const storeA = await open();
    const storeB = await open({ sameAs: storeA });
    const a = await server({ store: storeA, cluster: redisPadCluster(redis.url) });
    const b = await server({ store: storeB, cluster: redisPadCluster(redis.url) });
    await Promise.all([a.pads.started(), b.pads.started()]);
    await a.pads.seedText('reunion', '');
    return { a, b };
  }
  /** Alice on A and Bob on B, synced, each showing a cursor. */
  async function aliceAndBob(a: { url: string }, b: { url: string }) {
    const alice = client(a.url, 'reunion', { user: 'alice' });
    const bob = client(b.url, 'reunion', { user: 'bob' });
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    return { alice, bob };
  }

  it('converges text typed on A and on B, and each sees both people', async () => {
    const { a, b } = await twoInstances();
    const { alice, bob } = await aliceAndBob(a, b);
    alice.text.insert(0, 'Ordre du jour. ');
    await waitFor(() => bob.text.toString() === 'Ordre du jour. ', 5000, 'Bob to see Alice');
    bob.text.insert(bob.text.length, 'Budget.');
    await waitFor(() => alice.text.toString() === 'Ordre du jour. Budget.', 5000, 'Alice to see Bob');
    expect(await b.pads.getText('reunion')).toBe('Ordre du jour. Budget.');
    await waitFor(() => namesSeenBy(alice.provider).join() === 'Alice,Bob' && namesSeenBy(bob.provider).join() === 'Alice,Bob', 5000, 'both cursors on both sides');
    const [summary] = await a.pads.listPads();
    expect(summary?.present.map((p) => p.name).sort()).toEqual(['Alice', 'Bob']);
    expect(summary?.contributors.map((u) => u.id)).toEqual(['alice', 'bob']);
  });

  it('removes from A the presence of someone who leaves B', async () => {
    const { a, b } = await twoInstances();
    const { alice, bob } = await aliceAndBob(a, b);
    await waitFor(() => namesSeenBy(alice.provider).join() === 'Alice,Bob', 5000, 'Alice to see Bob');
    bob.destroy();
    await waitFor(() => namesSeenBy(alice.provider).join() === 'Alice', 5000, 'Bob to leave Alice’s presence');
    await waitFor(async () => (await a.pads.listPads())[0]?.present.length === 1, 5000, 'Bob to leave the pad list');
  });

  it('recovers by itself when Redis restarts: edits made meanwhile converge after', async () => {
    const { a, b } = await twoInstances();
    const { alice, bob } = await aliceAndBob(a, b);
    alice.text.insert(0, 'avant ');
    await waitFor(() => bob.text.toString() === 'avant ', 5000, 'Bob to see Alice');
    const logged = vi.spyOn(console, 'error');
    try {
      await redis.stop();
      await waitFor(() => logged.mock.calls.some((call) => String(call[0]).includes('Redis injoignable')), 5000, 'the outage to be noticed');
      alice.text.insert(alice.text.length, 'pendant-A ');
      bob.text.insert(0, 'pendant-B ');
      // Each instance keeps serving its own editors: what they type is stored.
      await waitFor(async () => (await a.pads.getText('reunion')).includes('pendant-A'), 5000, 'A to store Alice’s edit');
      await waitFor(async () => (await b.pads.getText('reunion')).includes('pendant-B'), 5000, 'B to store Bob’s edit');
      await redis.start();
      await waitFor(() => logged.mock.calls.some((call) => String(call[0]).includes('Redis de retour')), 15_000, 'the instances to see Redis again');
      await waitFor(() => alice.text.toString() === bob.text.toString(), 10_000, 'the edits to converge');
      expect(alice.text.toString()).toContain('pendant-A');
      expect(alice.text.toString()).toContain('pendant-B');
      alice.text.insert(0, 'après ');
      await waitFor(() => bob.text.toString().startsWith('après '), 5000, 'live editing to resume');
    } finally {
      logged.mockRestore();
    }
  });
});

describeEachStore('compaction across instances', (open) => {
  const { server, client } = usePadCleanups();

  it('waits while another instance holds the pad’s compaction lock', async () => {
    const store = await open();
    const a = await server({ store, cluster: redisPadCluster(redis.url), limits: { compactAfterRows: 5 }, storeDebounceMs: 60_000, storeMaxWaitMs: 60_000 });
    await a.pads.started();
    await a.pads.seedText('long', '');
    const alice = client(a.url, 'long', { user: 'alice' });
    await synced(alice.provider);
    const type = async (count: number): Promise<void> => {
      const length = alice.text.length + count;
      for (let i = 0; i < count; i++) alice.text.insert(alice.text.length, 'x');
      await waitFor(async () => (await a.pads.getText('long')).length === length, 5000, 'the keystrokes to be stored');
    };
    const rows = async () => Number((await store.get<{ n: number }>('SELECT count(*) AS n FROM pad_updates WHERE pad = ?', ['long']))?.n);
    const other = createClient({ url: redis.url });
    await other.connect();
    try {
      // Another instance is compacting this pad: this one leaves it alone.
      await other.set('gare:pads-compactage:long', 'autre-instance', { expiration: { type: 'PX', value: 60_000 } });
      await type(20);
      await a.pads.flush();
      expect(await rows()).toBe(20);
      await other.del('gare:pads-compactage:long');
      await type(1);
      await a.pads.flush();
      expect(await rows()).toBe(1);
      expect(alice.text.length).toBe(21);
      expect(await other.exists('gare:pads-compactage:long')).toBe(0);
    } finally {
      other.destroy();
    }
  });
});

describeEachStore('instances started while Redis is away', (open) => {
  const { server, client } = usePadCleanups();

  it('serve their own editors, then share the pad once Redis answers', async () => {
    await redis.stop();
    try {
      const storeA = await open();
      const storeB = await open({ sameAs: storeA });
      const a = await server({ store: storeA, cluster: redisPadCluster(redis.url) });
      const b = await server({ store: storeB, cluster: redisPadCluster(redis.url) });
      await Promise.all([a.pads.started(), b.pads.started()]);
      await a.pads.seedText('reunion', '');
      const alice = client(a.url, 'reunion', { user: 'alice' });
      const bob = client(b.url, 'reunion', { user: 'bob' });
      await Promise.all([synced(alice.provider), synced(bob.provider)]);
      alice.text.insert(0, 'A ');
      bob.text.insert(0, 'B ');
      await waitFor(async () => (await b.pads.getText('reunion')) === 'B ', 5000, 'B to store Bob’s edit');
      await redis.start();
      await waitFor(() => alice.text.length === 4 && alice.text.toString() === bob.text.toString(), 15_000, 'the edits to converge');
    } finally {
      await redis.start();
    }
  });
});
