/**
 * Pad persistence over the hub's SQL store (`store/sql.ts`): the embedded SQLite file
 * `${dir}/pads.sqlite` (WAL), or PostgreSQL shared by several instances.
 *
 * Guarantee: every accepted update is written in its own row before it is applied, broadcast or
 * published (pad-doc.ts awaits `appendUpdate`). SQLite in WAL mode with `synchronous=NORMAL` has
 * the row in the WAL file once the statement returns, so a process killed with SIGKILL loses
 * nothing it had accepted; PostgreSQL has it once the statement commits. Writes of one document
 * are queued by pad-doc.ts, so its rows are stored in the order they were accepted.
 */
import * as Y from 'yjs';
import type { Migration, Sql, SqlStore } from '../store/sql.ts';

/** The update log of the pads. */
export interface PadStore {
  /** The SQL store (the metadata store shares it). */
  readonly sql: Sql;
  /** All stored updates of a pad, oldest first (one snapshot row after compaction). */
  loadUpdates(pad: string): Promise<Uint8Array[]>;
  /** Number of update rows of a pad. */
  countUpdates(pad: string): Promise<number>;
  /** Appends one accepted update; durable against a process kill once it resolves. */
  appendUpdate(pad: string, update: Uint8Array, userId: string | undefined, at: number): Promise<void>;
  /**
   * Replaces the rows of a pad by one snapshot of them merged with `state` (the live document),
   * atomically. Only the rows read are deleted: a row another instance stores meanwhile stays.
   */
  compact(pad: string, state: Uint8Array, at: number): Promise<void>;
}

/**
 * The `pads` schema. Step 1 is the schema the pad server created before the store interface, with
 * `IF NOT EXISTS`: an existing `pads.sqlite` opens unchanged. Never edit a step, only append.
 */
export const padMigrations: readonly Migration[] = [
  {
    sqlite: `
      CREATE TABLE IF NOT EXISTS pad_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pad TEXT NOT NULL,
        data BLOB NOT NULL,
        user_id TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pad_updates_by_pad ON pad_updates (pad, id);
      CREATE TABLE IF NOT EXISTS pads (
        name TEXT PRIMARY KEY,
        title TEXT,
        template TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        published_path TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        visibility TEXT NOT NULL DEFAULT 'equipe',
        groups TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE IF NOT EXISTS pad_contributors (
        pad TEXT NOT NULL,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        color TEXT,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (pad, user_id)
      );`,
    // Times are milliseconds since 1970: beyond PostgreSQL's 32-bit INTEGER, hence BIGINT.
    postgres: `
      CREATE TABLE IF NOT EXISTS pad_updates (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pad TEXT NOT NULL,
        data BYTEA NOT NULL,
        user_id TEXT,
        at BIGINT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pad_updates_by_pad ON pad_updates (pad, id);
      CREATE TABLE IF NOT EXISTS pads (
        name TEXT PRIMARY KEY,
        title TEXT,
        template TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        published_path TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        visibility TEXT NOT NULL DEFAULT 'equipe',
        groups TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE IF NOT EXISTS pad_contributors (
        pad TEXT NOT NULL,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        color TEXT,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        PRIMARY KEY (pad, user_id)
      );`,
  },
];

/**
 * Files written before the visibility and groups columns existed have a `pads` table without
 * them, which step 1 (IF NOT EXISTS) leaves alone: add them (existing pads stay the team's).
 */
async function addLegacyColumns(sql: Sql): Promise<void> {
  if (sql.dialect !== 'sqlite') return;
  const columns = (await sql.all<{ name: string }>('PRAGMA table_info(pads)')).map((row) => row.name);
  if (columns.length === 0) return;
  if (!columns.includes('visibility')) await sql.run("ALTER TABLE pads ADD COLUMN visibility TEXT NOT NULL DEFAULT 'equipe'");
  if (!columns.includes('groups')) await sql.run("ALTER TABLE pads ADD COLUMN groups TEXT NOT NULL DEFAULT '[]'");
}

/** Brings the `pads` schema of `sql` up to date. */
export async function migratePadStore(sql: SqlStore): Promise<void> {
  await addLegacyColumns(sql);
  await sql.migrate('pads', padMigrations);
}

const binary = (pad: string, data: unknown): Uint8Array => {
  if (!(data instanceof Uint8Array)) throw new Error(`Pad ${pad}: stored update is not binary`);
  return data;
};
// Deletes by explicit ids in slices, well under both engines' limits on placeholders.
const deleteSlice = 500;

/** The pad update log over a migrated store. */
export function createPadStore({ sql }: { sql: Sql }): PadStore {
  return {
    sql,
    async loadUpdates(pad) {
      const rows = await sql.all<{ data: unknown }>('SELECT data FROM pad_updates WHERE pad = ? ORDER BY id', [pad]);
      return rows.map((row) => binary(pad, row.data));
    },
    async countUpdates(pad) {
      return Number((await sql.get<{ n: number }>('SELECT count(*) AS n FROM pad_updates WHERE pad = ?', [pad]))?.n ?? 0);
    },
    async appendUpdate(pad, update, userId, at) {
      await sql.run('INSERT INTO pad_updates (pad, data, user_id, at) VALUES (?, ?, ?, ?)', [pad, update, userId ?? null, at]);
    },
    async compact(pad, state, at) {
      await sql.transaction(async (tx) => {
        const rows = await tx.all<{ id: number; data: unknown }>('SELECT id, data FROM pad_updates WHERE pad = ? ORDER BY id', [pad]);
        // Through a Y.Doc that already holds the live state: rows it has are skipped quickly,
        // never Y.mergeUpdates over many small updates (minutes on 100k).
        const doc = new Y.Doc();
        try {
          Y.applyUpdate(doc, state);
          doc.transact(() => {
            for (const row of rows) Y.applyUpdate(doc, binary(pad, row.data));
          });
          const snapshot = Y.encodeStateAsUpdate(doc);
          for (let i = 0; i < rows.length; i += deleteSlice) {
            const ids = rows.slice(i, i + deleteSlice).map((row) => Number(row.id));
            await tx.run(`DELETE FROM pad_updates WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
          }
          await tx.run('INSERT INTO pad_updates (pad, data, user_id, at) VALUES (?, ?, ?, ?)', [pad, snapshot, null, at]);
        } finally {
          doc.destroy();
        }
      });
    },
  };
}
