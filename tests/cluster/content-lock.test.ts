import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createContentLock } from '../../server/cluster/content-lock.ts';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';

let redis: TestRedis;
const clients: { destroy(): void }[] = [];
const client = async () => {
  const c = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 }, disableOfflineQueue: true });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
};

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await redis.close();
});

describe('the content lock shared by the instances', () => {
  it('lets one instance at a time write, in turn', async () => {
    const a = createContentLock({ redis: await client(), key: 'k1' });
    const b = createContentLock({ redis: await client(), key: 'k1' });
    const order: string[] = [];
    let releaseA!: () => void;
    const heldA = new Promise<void>((r) => (releaseA = r));
    const first = a.run(async () => {
      order.push('A commence');
      await heldA;
      order.push('A finit');
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = b.run(async () => {
      order.push('B commence');
    });
    await new Promise((r) => setTimeout(r, 100));
    releaseA();
    await Promise.all([first, second]);
    expect(order).toEqual(['A commence', 'A finit', 'B commence']);
  });

  it('is freed by its expiry when its holder died, and refuses after the longest wait', async () => {
    const c = await client();
    await c.set('k2', 'mort', { condition: 'NX', expiration: { type: 'PX', value: 300 } });
    const lock = createContentLock({ redis: await client(), key: 'k2', waitMs: 5_000 });
    await expect(lock.run(async () => 'écrit')).resolves.toBe('écrit');
    await c.set('k3', 'autre', { condition: 'NX', expiration: { type: 'PX', value: 60_000 } });
    const refused = createContentLock({ redis: await client(), key: 'k3', waitMs: 200 });
    await expect(refused.run(async () => 'jamais')).rejects.toMatchObject({ code: 'ServiceUnavailable', status: 503 });
  });

  it('renews the lock while a long write holds it, and frees it after', async () => {
    const c = await client();
    // Held 2.5 times its expiry: kept only by its renewals (every 400 ms). An expiry much shorter
    // than this lets a loaded machine delay one renewal past it (the hub's own expiry is 15 s).
    const lock = createContentLock({ redis: await client(), key: 'k4', ttlMs: 1200 });
    await lock.run(async () => {
      await new Promise((r) => setTimeout(r, 3000));
      expect(await c.get('k4')).not.toBeNull();
    });
    expect(await c.get('k4')).toBeNull();
  });

  it('still writes when Redis is away, uncoordinated', async () => {
    const c = await client();
    const lock = createContentLock({ redis: c, key: 'k5' });
    await redis.stop();
    await new Promise((r) => setTimeout(r, 50));
    await expect(lock.run(async () => 'écrit seul')).resolves.toBe('écrit seul');
    await redis.start();
  });
});
