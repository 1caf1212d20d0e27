import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { usePostgres } from '../helpers/stores.ts';

describe('the PostgreSQL store', () => {
  const server = usePostgres();

  it('says in French what to do when the server is unreachable, the URL wrong or the database missing', async () => {
    const away = openPostgresStore({ url: 'postgres://gare:motdepasse-secret@127.0.0.1:1/gare' });
    expect(away.location).not.toContain('motdepasse-secret');
    expect(away.location).toBe('postgres://gare@127.0.0.1:1/gare');
    const refused = await away.get('SELECT 1 AS one').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'StoreUnavailable', status: 503, message: expect.stringMatching(/injoignable.*GARE_DATABASE_URL/), cause: { code: 'ECONNREFUSED' } });
    await away.close();

    for (const url of ['pas une adresse', 'mysql://gare@127.0.0.1/gare']) {
      expect(() => openPostgresStore({ url })).toThrow(expect.objectContaining({ code: 'InvalidDatabaseUrl', message: expect.stringMatching(/postgres:\/\//) }));
    }

    const missing = openPostgresStore({ url: server().url.replace(/\/postgres$/, '/base_absente') });
    await expect(missing.migrate('x', ['CREATE TABLE x (y INTEGER)'])).rejects.toMatchObject({ code: 'StoreUnavailable', message: expect.stringMatching(/createdb/) });
    await missing.close();
  });

  it('keeps its number parsers to its own pool, and lets a statement’s own error through with its SQL code', async () => {
    const store = openPostgresStore({ url: await server().createDatabase() });
    await store.migrate('t', ['CREATE TABLE t (k TEXT PRIMARY KEY)']);
    expect(await store.get('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
    // Other code of the process using pg keeps pg's defaults (bigint as text).
    expect(pg.types.getTypeParser(pg.types.builtins.INT8, 'text')('12')).toBe('12');
    await store.run('INSERT INTO t (k) VALUES (?)', ['a']);
    await expect(store.run('INSERT INTO t (k) VALUES (?)', ['a'])).rejects.toMatchObject({ code: '23505' });
    await store.close();
  });
});
