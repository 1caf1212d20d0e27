/**
 * The shared store: PostgreSQL through a `pg` pool, behind the asynchronous `Sql` interface, for
 * several instances of the hub (`GARE_DATABASE_URL`). Transactions are serializable and retried on
 * a serialization conflict or a deadlock, so two instances checking then writing the same rows
 * behave as if one went first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { runMigrations } from './migrate.ts';
import { describePostgresFailure, redactDatabaseUrl } from './store-errors.ts';
import type { Sql, SqlRow, SqlStore, SqlValue } from './sql.ts';

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  url: string;
  /** Connections in the pool. */
  max?: number;
  /** Attempts of a transaction that keeps meeting serialization conflicts. */
  attempts?: number;
}

// SQLSTATE of a serialization failure and of a deadlock: the transaction may simply be run again.
const retryable = new Set(['40001', '40P01']);
// Taken by every instance around a migration step, so that two starting together migrate once.
const migrationLock = 0x67617265; // "gare"

// This pool's own type parsers (never pg's global ones, which other code may rely on).
function typeParsers(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  const toNumber = (text: string) => Number(text);
  types.setTypeParser(pg.types.builtins.INT8, toNumber);
  types.setTypeParser(pg.types.builtins.NUMERIC, toNumber);
  const byteA = pg.types.getTypeParser(pg.types.builtins.BYTEA, 'text') as (text: string) => Buffer;
  // A plain Uint8Array, as SQLite returns: a Buffer is a subclass that stores may not expect.
  types.setTypeParser(pg.types.builtins.BYTEA, (text: string) => new Uint8Array(byteA(text)));
  return types;
}

// `?` → `$1, $2, …`, skipping quoted literals and identifiers; memoised (stores repeat statements).
const numbered = new Map<string, string>();
function toPositional(text: string): string {
  let converted = numbered.get(text);
  if (converted === undefined) {
    let n = 0;
    converted = text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
    if (numbered.size >= 1000) numbered.clear();
    numbered.set(text, converted);
  }
  return converted;
}

/** Anything that runs a query: the pool, or one client inside a transaction. */
type Queryable = Pick<pg.Pool, 'query'>;

const fail = (error: unknown): never => {
  throw describePostgresFailure(error) ?? error;
};

async function query<T extends object>(on: Queryable, text: string, values: readonly SqlValue[] | undefined): Promise<{ rows: T[]; rowCount: number | null }> {
  return on.query(toPositional(text), (values ?? []) as unknown[]).catch(fail) as Promise<{ rows: T[]; rowCount: number | null }>;
}

/** The open transaction of the current async context; `done` once it ended (late callbacks use the pool). */
interface Open {
  tx: Sql;
  client: pg.PoolClient;
  done: boolean;
}

/** Opens a pool on a PostgreSQL database; nothing connects until the first statement. */
export function openPostgresStore({ url, max = 10, attempts = 8 }: PostgresStoreOptions): SqlStore {
  const location = redactDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, types: typeParsers(), connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped (restart, network) must not crash the process.
  pool.on('error', (error) => console.error(`[postgres] connexion perdue avec ${location} :`, error.message));
  const within = new AsyncLocalStorage<Open>();
  const target = (): Queryable => {
    const open = within.getStore();
    return open !== undefined && !open.done ? open.client : pool;
  };

  const on = (client: Queryable): Omit<Sql, 'transaction'> => ({
    dialect: 'postgres',
    all: async <T extends object = SqlRow>(text: string, values?: readonly SqlValue[]) => (await query<T>(client, text, values)).rows,
    get: async <T extends object = SqlRow>(text: string, values?: readonly SqlValue[]) => (await query<T>(client, text, values)).rows[0],
    run: async (text: string, values?: readonly SqlValue[]) => ({ changes: (await query(client, text, values)).rowCount ?? 0 }),
  });

  /** One attempt: BEGIN … COMMIT on one client; ROLLBACK (or a dropped client) on failure. */
  const attempt = async <T>(fn: (tx: Sql) => Promise<T>, begin: string, lock: boolean): Promise<T> => {
    const client = await pool.connect().catch(fail);
    const open: Open = { client, done: false, tx: undefined as unknown as Sql };
    open.tx = { ...on(client), transaction: (inner) => inner(open.tx) };
    let broken: Error | undefined;
    try {
      await client.query(begin).catch(fail);
      if (lock) await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]).catch(fail);
      const result = await within.run(open, () => fn(open.tx));
      await client.query('COMMIT').catch(fail);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
      throw error;
    } finally {
      open.done = true;
      client.release(broken);
    }
  };

  const run = async <T>(fn: (tx: Sql) => Promise<T>, begin: string, lock = false): Promise<T> => {
    for (let n = 1; ; n++) {
      try {
        return await attempt(fn, begin, lock);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (n >= attempts || typeof code !== 'string' || !retryable.has(code)) throw error;
        // Jittered backoff: two instances that collided do not collide again in step.
        await sleep(Math.random() * 5 * 2 ** n);
      }
    }
  };

  const transaction = <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => {
    const open = within.getStore();
    if (open !== undefined && !open.done) return fn(open.tx);
    return run(fn, 'BEGIN ISOLATION LEVEL SERIALIZABLE');
  };

  let closing: Promise<void> | undefined;
  const store: SqlStore = {
    dialect: 'postgres',
    location,
    all: (text, values) => on(target()).all(text, values),
    get: (text, values) => on(target()).get(text, values),
    run: (text, values) => on(target()).run(text, values),
    transaction,
    async migrate(name, steps) {
      // Read committed behind the advisory lock: each statement sees what the instance that held
      // the lock before committed (a serializable snapshot would be taken before the wait).
      const locked = <T>(fn: (tx: Sql) => Promise<T>) => run(fn, 'BEGIN ISOLATION LEVEL READ COMMITTED', true);
      await locked((tx) => tx.run('CREATE TABLE IF NOT EXISTS gare_schema (name TEXT PRIMARY KEY, version INTEGER NOT NULL)'));
      await runMigrations({
        sql: { ...store, transaction: locked },
        name,
        steps,
        // A script without parameters goes through the simple protocol, which accepts several statements.
        exec: async (_tx, script) => {
          await (within.getStore()?.client ?? pool).query(script).catch(fail);
        },
      });
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
  return store;
}
