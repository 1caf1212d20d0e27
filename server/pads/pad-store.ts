/**
 * Pad persistence in SQLite (`node:sqlite`, `${dir}/pads.sqlite`, WAL).
 *
 * Guarantee: every accepted update is written in its own row, synchronously, before it is
 * broadcast (measured ~16 µs per row, ~60 000 rows/s on the dev machine). In WAL mode with
 * `synchronous=NORMAL` a committed row is in the WAL file as soon as `run` returns, so a process
 * killed with SIGKILL loses nothing it had accepted; only an OS crash or power cut can lose the
 * transactions since the last checkpoint. A normal stop loses nothing either. Because every call
 * is synchronous on the one JavaScript thread, writes to a document are serialised by design.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The update log of the pads, plus the shared database handle for the metadata store. */
export interface PadStore {
  /** The open database (the metadata store shares it). */
  readonly db: DatabaseSync;
  /** All stored updates of a pad, oldest first (one snapshot row after compaction). */
  loadUpdates(pad: string): Uint8Array[];
  /** Number of update rows of a pad. */
  countUpdates(pad: string): number;
  /** Appends one accepted update; durable against a process kill when it returns. */
  appendUpdate(pad: string, update: Uint8Array, userId: string | undefined, at: number): void;
  /** Replaces all rows of a pad by one snapshot, atomically. */
  replaceWithSnapshot(pad: string, snapshot: Uint8Array, at: number): void;
  /** Closes the database (checkpoints the WAL). */
  close(): void;
}

const schema = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  PRAGMA busy_timeout = 5000;
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
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pad_contributors (
    pad TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    color TEXT,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (pad, user_id)
  );
`;

/** Opens (and creates if needed) the pad database in `dir`. */
export function createPadStore(options: { dir: string }): PadStore {
  mkdirSync(options.dir, { recursive: true });
  const db = new DatabaseSync(join(options.dir, 'pads.sqlite'));
  db.exec(schema);
  const selectUpdates = db.prepare('SELECT data FROM pad_updates WHERE pad = ? ORDER BY id');
  const countRows = db.prepare('SELECT count(*) AS n FROM pad_updates WHERE pad = ?');
  const insertUpdate = db.prepare('INSERT INTO pad_updates (pad, data, user_id, at) VALUES (?, ?, ?, ?)');
  const deleteUpdates = db.prepare('DELETE FROM pad_updates WHERE pad = ?');
  return {
    db,
    loadUpdates(pad) {
      return selectUpdates.all(pad).map((row) => {
        const data = row['data'];
        if (!(data instanceof Uint8Array)) throw new Error(`Pad ${pad}: stored update is not binary`);
        return data;
      });
    },
    countUpdates(pad) {
      return Number(countRows.get(pad)?.['n'] ?? 0);
    },
    appendUpdate(pad, update, userId, at) {
      insertUpdate.run(pad, update, userId ?? null, at);
    },
    replaceWithSnapshot(pad, snapshot, at) {
      db.exec('BEGIN IMMEDIATE');
      try {
        deleteUpdates.run(pad);
        insertUpdate.run(pad, snapshot, null, at);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}
