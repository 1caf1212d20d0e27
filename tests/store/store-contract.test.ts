import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.ts';
import { contractSteps } from './fixtures/contract-steps.ts';

const run = promisify(execFile);
const child = path.join(import.meta.dirname, 'fixtures', 'migrate-child.ts');

describeEachStore('the store contract', (open) => {
  it('numbers ? placeholders, returns integers as numbers and blobs as plain Uint8Array', async () => {
    const store = await open();
    await store.migrate('contract', contractSteps);
    const big = 2 ** 40;
    await store.run('INSERT INTO items (k, n, big, data) VALUES (?, ?, ?, ?)', ['a', 1, big, new Uint8Array([0, 1, 255])]);
    await store.run('INSERT INTO items (k, n, big, data) VALUES (?, ?, ?, ?)', ['b', 2, null, null]);
    const row = await store.get<{ k: string; n: number; big: number; data: Uint8Array }>('SELECT k, n, big, data FROM items WHERE k = ? AND n = ?', ['a', 1]);
    expect(row).toEqual({ k: 'a', n: 1, big, data: new Uint8Array([0, 1, 255]) });
    expect(Object.getPrototypeOf(row!.data)).toBe(Uint8Array.prototype);
    const counted = await store.get<{ c: unknown; s: unknown }>('SELECT count(*) AS c, sum(n) AS s FROM items');
    expect(counted).toEqual({ c: 2, s: 3 });
    expect(await store.all('SELECT k FROM items WHERE k IN (?, ?) ORDER BY k', ['b', 'zz'])).toEqual([{ k: 'b' }]);
    expect(await store.get('SELECT k FROM items WHERE k = ?', ['none'])).toBeUndefined();
  });

  it('knows RETURNING and ON CONFLICT, and reports the rows a write changed', async () => {
    const store = await open();
    await store.migrate('contract', contractSteps);
    const first = await store.get<{ id: number }>('INSERT INTO items (k, n) VALUES (?, ?) RETURNING id', ['a', 1]);
    const second = await store.get<{ id: number }>('INSERT INTO items (k, n) VALUES (?, ?) RETURNING id', ['b', 1]);
    expect(typeof first!.id).toBe('number');
    expect(second!.id).toBeGreaterThan(first!.id);
    expect((await store.run('INSERT INTO items (k, n) VALUES (?, ?) ON CONFLICT (k) DO NOTHING', ['a', 9])).changes).toBe(0);
    await store.run('INSERT INTO items (k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET n = items.n + excluded.n', ['a', 9]);
    expect(await store.get('SELECT n FROM items WHERE k = ?', ['a'])).toEqual({ n: 10 });
    expect((await store.run('UPDATE items SET n = 0')).changes).toBe(2);
  });

  it('rolls a transaction back when it throws, nested calls and store calls inside it included', async () => {
    const store = await open();
    await store.migrate('contract', contractSteps);
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO items (k, n) VALUES (?, ?)', ['a', 1]);
        await tx.transaction((inner) => inner.run('INSERT INTO items (k, n) VALUES (?, ?)', ['b', 1]));
        await store.run('INSERT INTO items (k, n) VALUES (?, ?)', ['c', 1]);
        expect(await store.get('SELECT count(*) AS c FROM items')).toEqual({ c: 3 });
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect(await store.get('SELECT count(*) AS c FROM items')).toEqual({ c: 0 });
    const kept = await store.transaction(async (tx) => (await tx.run('INSERT INTO items (k, n) VALUES (?, ?)', ['d', 1])).changes);
    expect(kept).toBe(1);
    expect(await store.all('SELECT k FROM items')).toEqual([{ k: 'd' }]);
  });

  it('loses no increment among 20 concurrent read-then-write transactions', async () => {
    const store = await open();
    await store.migrate('contract', contractSteps);
    await store.run('INSERT INTO items (k, n) VALUES (?, ?)', ['counter', 0]);
    const increment = () =>
      store.transaction(async (tx) => {
        const row = await tx.get<{ n: number }>('SELECT n FROM items WHERE k = ?', ['counter']);
        await tx.run('UPDATE items SET n = ? WHERE k = ?', [row!.n + 1, 'counter']);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await store.get('SELECT n FROM items WHERE k = ?', ['counter'])).toEqual({ n: 20 });
  });

  it('applies a migration once when two instances start together', async () => {
    const store = await open();
    // The second instance is another process, as a second hub would be.
    await Promise.all([store.migrate('contract', contractSteps), run(process.execPath, [child, store.location])]);
    await store.migrate('contract', contractSteps);
    expect(await store.all('SELECT step FROM runs ORDER BY step')).toEqual([{ step: 1 }, { step: 2 }]);
    expect(await store.get('SELECT version FROM gare_schema WHERE name = ?', ['contract'])).toEqual({ version: 2 });
  });
});
