/** Shared test setup: a real accounts store (SQLite or PostgreSQL), with a clock the test moves. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createAccountStore, type AccountStore } from '../../server/auth/account-store.ts';
import type { SqlStore } from '../../server/store/sql.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { OpenStore } from '../helpers/stores.ts';

/** A store, its database, its clock, and its admin. */
export interface TestStore {
  store: AccountStore;
  /** The SQL store under it (its `location` is the SQLite file, or the database URL). */
  sql: SqlStore;
  clock: { t: number };
  adminId: string;
  cleanup: () => Promise<void>;
}

/** One day in milliseconds, to move test clocks. */
export const day = 24 * 3600 * 1000;

/** Fixed start of every test clock: 2026-03-12T09:00:00Z. */
export const start = Date.UTC(2026, 2, 12, 9);

/** Opens a fresh store (on `open`'s engine, else a SQLite file) and creates its first admin through the welcome link. */
export async function openTestStore(open?: OpenStore): Promise<TestStore> {
  const dir = open ? undefined : await mkdtemp(join(tmpdir(), 'gare-auth-'));
  const sql = open ? await open() : openSqliteStore({ file: join(dir!, 'data', 'accounts.sqlite'), privateFile: true, legacySchema: 'accounts' });
  const clock = { t: start };
  const store = await createAccountStore({ store: sql, now: () => clock.t });
  const token = await store.createFirstAdminToken();
  if (token === undefined) throw new Error('fresh store should offer a welcome link');
  const admin = await store.acceptInvitation({ token, name: 'Alice Admin', email: 'alice@exemple.fr', password: 'phrase secrète alice' });
  return {
    store,
    sql,
    clock,
    adminId: admin.person.id,
    cleanup: async () => {
      await store.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Invites and registers someone with a role; returns their account. */
export async function addPerson(t: TestStore, role: 'contributeur' | 'equipe' | 'admin', name: string, email: string, password = 'un mot de passe long') {
  const { token } = await t.store.createInvitation({ role, invitedBy: t.adminId });
  return t.store.acceptInvitation({ token, name, email, password });
}

/** A fresh store for each test (on `open`'s engine inside `describeEachStore`): the returned object is refilled before each test and cleaned after it. */
export function useTestStore(open?: OpenStore): TestStore {
  const current = {} as TestStore;
  beforeEach(async () => {
    Object.assign(current, await openTestStore(open));
  });
  afterEach(async () => {
    await current.cleanup();
  });
  return current;
}
