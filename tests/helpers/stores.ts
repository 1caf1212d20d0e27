/**
 * The same suite against both engines of the store interface: the embedded SQLite file and a real
 * PostgreSQL (one server per test file, started on first use, a fresh database per `open()`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import type { SqlDialect, SqlStore } from '../../server/store/sql.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { startPostgres, type TestPostgres } from './postgres-server.ts';

/** Options of an `open` call. */
export interface OpenStoreOptions {
  /** Another connection to the database of this store (a second instance), instead of a fresh one. */
  sameAs?: SqlStore;
  /** SQLite only: the schema kept in `PRAGMA user_version` before `gare_schema` (the accounts). */
  legacySchema?: string;
}

/** Opens a store on a fresh, empty database (closed after each test). */
export type OpenStore = (options?: OpenStoreOptions) => Promise<SqlStore>;

/**
 * Starts a PostgreSQL server before the tests of the current `describe` (or file) and stops it
 * after them; returns its getter. Call at collection time, not inside a test.
 */
export function usePostgres(): () => TestPostgres {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('usePostgres : le serveur n’est pas démarré (appelez-le au niveau du describe).');
    return server;
  };
}

function opener(dialect: SqlDialect, postgres?: () => TestPostgres): OpenStore {
  const opened: SqlStore[] = [];
  const where = new Map<SqlStore, string>();
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async ({ sameAs, legacySchema } = {}) => {
    let place = sameAs && where.get(sameAs);
    let store: SqlStore;
    if (dialect === 'sqlite') {
      place ??= path.join(mkdtempSync(path.join(tmpdir(), 'gare-store-')), 'store.sqlite');
      store = openSqliteStore({ file: place, ...(legacySchema === undefined ? {} : { legacySchema }) });
    } else {
      place ??= await postgres!().createDatabase();
      store = openPostgresStore({ url: place });
    }
    where.set(store, place);
    opened.push(store);
    return store;
  };
}

/** Runs `suite` twice, as `title (SQLite)` and `title (PostgreSQL)`, each with its own `open`. */
export function describeEachStore(title: string, suite: (open: OpenStore, dialect: SqlDialect) => void): void {
  describe(`${title} (SQLite)`, () => suite(opener('sqlite'), 'sqlite'));
  describe(`${title} (PostgreSQL)`, () => suite(opener('postgres', usePostgres()), 'postgres'));
}
