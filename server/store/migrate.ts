/** The schema steps runner shared by both engines: versions per schema name in `gare_schema`. */
import type { Migration, Sql, SqlDialect } from './sql.ts';

const table = `CREATE TABLE IF NOT EXISTS gare_schema (name TEXT PRIMARY KEY, version INTEGER NOT NULL)`;

/** The statement text of a step for an engine. */
export function stepText(step: Migration, dialect: SqlDialect): string {
  return typeof step === 'string' ? step : step[dialect];
}

/** Options of `runMigrations`. */
export interface RunMigrationsOptions {
  /** The store (not a transaction). */
  sql: Sql;
  /** Schema name, e.g. `accounts`. */
  name: string;
  /** All steps, oldest first; never edit or reorder a step once released, only append. */
  steps: readonly Migration[];
  /** Runs a multi-statement script (the engines' `exec`), inside the current transaction. */
  exec: (tx: Sql, script: string) => Promise<void>;
  /** Version to assume when the schema has no row yet (SQLite files from before `gare_schema`). */
  legacyVersion?: (() => Promise<number>) | undefined;
}

/** Runs the steps of `name` after its recorded version, each in its own transaction. */
export async function runMigrations({ sql, name, steps, exec, legacyVersion }: RunMigrationsOptions): Promise<void> {
  await sql.run(table);
  for (;;) {
    const done = await sql.transaction(async (tx) => {
      const row = await tx.get<{ version: number }>('SELECT version FROM gare_schema WHERE name = ?', [name]);
      const version = row?.version ?? (legacyVersion ? await legacyVersion() : 0);
      if (version > steps.length) {
        throw new Error(`Le schéma « ${name} » est en version ${version}, plus récente que ce programme (${steps.length}) : mettez Gare centrale à jour.`);
      }
      if (version === steps.length) {
        if (row === undefined) await tx.run('INSERT INTO gare_schema (name, version) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, version]);
        return true;
      }
      await exec(tx, stepText(steps[version]!, tx.dialect));
      await tx.run('INSERT INTO gare_schema (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version', [name, version + 1]);
      return false;
    });
    if (done) return;
  }
}
