/**
 * Opens the hub's stores outside git: two SQLite files in the data folder by default, or one
 * PostgreSQL pool for both when a database URL is given (several instances share it).
 */
import path from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import type { SqlStore } from './sql.ts';

/** Options of `openStores`. */
export interface OpenStoresOptions {
  /** The data folder (SQLite files: `accounts.sqlite`, `pads/pads.sqlite`). */
  dataDir: string;
  /** `GARE_DATABASE_URL`; without it, the embedded SQLite files. */
  databaseUrl?: string | undefined;
}

/** The stores, each migrated by the module that owns its tables. */
export interface Stores {
  /** People, sessions, groups, conversations, notifications, webhooks… */
  accounts: SqlStore;
  /** Pads' updates and metadata. */
  pads: SqlStore;
  /** Closes both (each may also be closed on its own). */
  close(): Promise<void>;
}

/** Opens the stores: SQLite files in `dataDir`, or one PostgreSQL pool when `databaseUrl` is set. */
export async function openStores({ dataDir, databaseUrl }: OpenStoresOptions): Promise<Stores> {
  if (databaseUrl === undefined || databaseUrl === '') {
    // Password hashes and e-mails: readable by the server's user only. Before `gare_schema`, the
    // accounts file kept its version in `PRAGMA user_version`.
    const accounts = openSqliteStore({ file: path.join(dataDir, 'accounts.sqlite'), privateFile: true, legacySchema: 'accounts' });
    const pads = openSqliteStore({ file: path.join(dataDir, 'pads', 'pads.sqlite') });
    return { accounts, pads, close: async () => void (await Promise.all([accounts.close(), pads.close()])) };
  }
  // Loaded only here: the embedded default never loads the PostgreSQL client.
  const { openPostgresStore } = await import('./postgres-store.ts');
  const pool = openPostgresStore({ url: databaseUrl });
  // One pool for both: it ends when both handles are closed, whichever closes first.
  let open = 2;
  const release = async (): Promise<void> => {
    open -= 1;
    if (open === 0) await pool.close();
  };
  const handle = (): SqlStore => {
    let closed = false;
    return {
      ...pool,
      close: async () => {
        if (closed) return;
        closed = true;
        await release();
      },
    };
  };
  const accounts = handle();
  const pads = handle();
  return { accounts, pads, close: async () => void (await Promise.all([accounts.close(), pads.close()])) };
}
