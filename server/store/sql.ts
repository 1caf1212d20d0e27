/**
 * The hub's store outside git: one asynchronous SQL interface, two implementations — the embedded
 * default (`node:sqlite`, one process, `sqlite-store.ts`) and PostgreSQL when `GARE_DATABASE_URL`
 * is set (`postgres-store.ts`, several instances). Stores (accounts, sessions, pads, comments, …)
 * speak only this interface, so one test suite runs against both.
 *
 * Portable SQL, so that a store writes each statement once:
 * - placeholders are `?` (turned into `$1, $2, …` for PostgreSQL); never write `?` inside a literal;
 * - integers are JavaScript numbers both ways (PostgreSQL `bigint` and `count(*)` are parsed as
 *   numbers), booleans are `0`/`1` integers, binary data is a `Uint8Array` (BLOB / BYTEA);
 * - use `INSERT … ON CONFLICT … DO NOTHING|UPDATE` and `RETURNING`, which both engines know; where
 *   the engines differ (string aggregation, schema), branch on `dialect` or use `dialect.ts`.
 */

/** A value a statement takes or returns. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** A row as a record of column values. */
export type SqlRow = Record<string, SqlValue>;

/** The two engines. */
export type SqlDialect = 'sqlite' | 'postgres';

/** What a write statement reports. */
export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** A connection or an open transaction. Every call is asynchronous, in call order. */
export interface Sql {
  /** Which engine answers, for the few statements that differ. */
  readonly dialect: SqlDialect;
  /** All rows of a query. */
  all<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T extends object = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a write statement. */
  run(text: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  /**
   * Runs `fn` in a transaction that checks and writes atomically (SQLite: `BEGIN IMMEDIATE`;
   * PostgreSQL: serializable, `fn` retried when the engine reports a serialization conflict, so
   * `fn` must have no effect outside the transaction). Inside a transaction, `transaction` runs
   * `fn` in the same one. Throwing rolls back and rethrows.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** One schema step, written once when both engines accept it, or once per engine. */
export type Migration = string | { sqlite: string; postgres: string };

/** An open store: a connection pool (PostgreSQL) or a database file (SQLite). */
export interface SqlStore extends Sql {
  /**
   * Brings the named schema up to date: runs the steps after its recorded version, each in a
   * transaction, in order. Names are independent (`accounts`, `pads`), so modules migrate their
   * own tables; the recorded versions live in the `gare_schema` table.
   */
  migrate(name: string, steps: readonly Migration[]): Promise<void>;
  /** Where the data lives, for messages (file path, or the database URL without its password). */
  readonly location: string;
  /** Closes the file or the pool; pending statements finish first. */
  close(): Promise<void>;
}
