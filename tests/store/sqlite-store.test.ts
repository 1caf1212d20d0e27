import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';

describe('the SQLite store', () => {
  it('keeps other callers out of an open transaction, and joins callers inside it', async () => {
    const store = openSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'gare-sql-')), 'a.sqlite') });
    await store.migrate('t', ['CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)']);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async (t) => {
      await t.run('INSERT INTO t (k, n) VALUES (?, ?)', ['a', 1]);
      await store.run('UPDATE t SET n = n + 1 WHERE k = ?', ['a']); // the store, not tx: joins it
      await gate;
      throw new Error('annulé');
    });
    const read = store.get<{ n: number }>('SELECT count(*) AS n FROM t');
    release();
    await expect(tx).rejects.toThrow('annulé');
    expect((await read)?.n).toBe(0);
    await store.close();
  });

  it('migrates once, and refuses a schema newer than the program', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gare-sql-')), 'b.sqlite');
    const steps = ['CREATE TABLE a (x INTEGER)', { sqlite: 'CREATE TABLE b (y BLOB)', postgres: 'CREATE TABLE b (y BYTEA)' }];
    let store = openSqliteStore({ file });
    await store.migrate('s', steps);
    await store.migrate('s', steps);
    await store.run('INSERT INTO b (y) VALUES (?)', [new Uint8Array([1, 2, 3])]);
    expect((await store.get<{ y: Uint8Array }>('SELECT y FROM b'))?.y).toEqual(new Uint8Array([1, 2, 3]));
    await store.close();
    store = openSqliteStore({ file });
    await expect(store.migrate('s', steps.slice(0, 1))).rejects.toThrow(/plus récente/);
    await store.close();
  });
});
