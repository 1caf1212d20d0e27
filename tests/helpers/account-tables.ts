/**
 * A store holding the accounts schema (people and every table of issue 14), for the unit suites of
 * the stores that live beside the accounts (comments, notifications, e-mails, calendar, webhooks),
 * run on both engines through `describeEachStore`.
 */
import { migrateAccounts } from '../../server/auth/account-db.ts';
import type { SqlStore } from '../../server/store/sql.ts';
import type { OpenStore } from './stores.ts';

/** Opens a fresh store with the accounts schema. */
export async function openAccountTables(open: OpenStore): Promise<SqlStore> {
  const store = await open();
  await migrateAccounts(store);
  return store;
}

/** Adds an active person with a role; answers their id. */
export async function addPersonRow(sql: SqlStore, { id, name, role = 'equipe' }: { id: string; name: string; role?: 'contributeur' | 'equipe' | 'admin' }): Promise<string> {
  await sql.run('INSERT INTO people (id, name, email, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, 1, 0)', [id, name, `${id}@exemple.org`, role, '']);
  return id;
}
