/**
 * The embedded store: a `node:sqlite` file in the data folder, WAL mode, behind the asynchronous
 * `Sql` interface. Statements run synchronously on the one JavaScript thread (microseconds each);
 * a transaction may await between statements, so while one is open every other caller waits for
 * it to end instead of slipping its statements into it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { runMigrations } from './migrate.ts';
import type { Sql, SqlRow, SqlRunResult, SqlStore, SqlValue } from './sql.ts';

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Database file, or `:memory:`. */
  file: string;
  /** Readable by the server's user only (accounts: password hashes, e-mails). */
  privateFile?: boolean;
  /** `synchronous` pragma: `NORMAL` loses nothing on a process kill in WAL mode (the default). */
  synchronous?: 'NORMAL' | 'FULL';
  /** Schema whose version, before `gare_schema` existed, was kept in `PRAGMA user_version`. */
  legacySchema?: string;
}

/** The SQLite store, with its raw handle for the stores not yet moved onto `Sql` (issue 13). */
export interface SqliteStore extends SqlStore {
  /** The `node:sqlite` connection; new code uses the `Sql` methods. */
  readonly database: DatabaseSync;
}

const maxStatements = 400;

/** Opens (creating if needed) a SQLite store. */
export function openSqliteStore({ file, privateFile = false, synchronous = 'NORMAL', legacySchema }: SqliteStoreOptions): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;`);
  if (privateFile && file !== ':memory:') chmodSync(file, 0o600);

  // Prepared statements, reused by text (stores repeat a handful of statements).
  const statements = new Map<string, StatementSync>();
  const prepare = (text: string): StatementSync => {
    let statement = statements.get(text);
    if (statement === undefined) {
      if (statements.size >= maxStatements) statements.delete(statements.keys().next().value!);
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const params = (values: readonly SqlValue[] | undefined) => (values ?? []) as SqlValue[];

  /** Statements as the transaction sees them (no waiting: it holds the database). */
  const inside: Sql = {
    dialect: 'sqlite',
    async all<T extends object = SqlRow>(text: string, values?: readonly SqlValue[]) {
      return prepare(text).all(...params(values)) as T[];
    },
    async get<T extends object = SqlRow>(text: string, values?: readonly SqlValue[]) {
      return prepare(text).get(...params(values)) as T | undefined;
    },
    async run(text: string, values?: readonly SqlValue[]): Promise<SqlRunResult> {
      return { changes: Number(prepare(text).run(...params(values)).changes) };
    },
    transaction: (fn) => fn(inside),
  };

  // The open transaction, if any: others wait on it. Transactions queue one behind another.
  let current: Promise<unknown> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const settle = async (): Promise<void> => {
    while (current !== undefined) await current.catch(() => undefined);
  };
  // Code running inside a transaction that calls the store instead of its `tx` joins the
  // transaction rather than waiting for it (which would never end).
  const within = new AsyncLocalStorage<true>();
  const transaction = <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => {
    if (within.getStore()) return fn(inside);
    const run = tail.catch(() => undefined).then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await within.run(true, () => fn(inside));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    const mark: Promise<unknown> = run.finally(() => {
      if (current === mark) current = undefined;
    });
    // `mark` only orders the queue; its rejection is the caller's, through `run`.
    mark.catch(() => undefined);
    tail = mark;
    // The transaction counts as open from the moment it is queued: statements issued after this
    // call by anyone else run after it, never inside it.
    current = mark;
    return run;
  };
  const outside = <R>(call: () => Promise<R>): Promise<R> => (current === undefined || within.getStore() ? call() : settle().then(call));

  const store: SqliteStore = {
    dialect: 'sqlite',
    database: db,
    location: file,
    all: (text, values) => outside(() => inside.all(text, values)),
    get: (text, values) => outside(() => inside.get(text, values)),
    run: (text, values) => outside(() => inside.run(text, values)),
    transaction,
    migrate: (name, steps) =>
      runMigrations({
        sql: store,
        name,
        steps,
        exec: async (_tx, script) => db.exec(script),
        legacyVersion: name === legacySchema ? async () => Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version) : undefined,
      }),
    async close() {
      await settle();
      await tail.catch(() => undefined);
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
  return store;
}
