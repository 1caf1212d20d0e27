/** Shared test setup: a real accounts store in a temporary folder, with a clock the test moves. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createAccountStore, type AccountStore } from '../../server/auth/account-store.ts';

/** A store, its file, its clock, and its admin. */
export interface TestStore {
  store: AccountStore;
  file: string;
  clock: { t: number };
  adminId: string;
  cleanup: () => Promise<void>;
}

/** One day in milliseconds, to move test clocks. */
export const day = 24 * 3600 * 1000;

/** Fixed start of every test clock: 2026-03-12T09:00:00Z. */
export const start = Date.UTC(2026, 2, 12, 9);

/** Opens a fresh store and creates its first admin through the welcome link. */
export async function openTestStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'gare-auth-'));
  const file = join(dir, 'data', 'accounts.sqlite');
  const clock = { t: start };
  const store = createAccountStore({ file, now: () => clock.t });
  const token = store.createFirstAdminToken();
  if (token === undefined) throw new Error('fresh store should offer a welcome link');
  const admin = await store.acceptInvitation({ token, name: 'Alice Admin', email: 'alice@exemple.fr', password: 'phrase secrète alice' });
  return {
    store,
    file,
    clock,
    adminId: admin.person.id,
    cleanup: async () => {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Invites and registers someone with a role; returns their account. */
export async function addPerson(t: TestStore, role: 'contributeur' | 'equipe' | 'admin', name: string, email: string, password = 'un mot de passe long') {
  const { token } = t.store.createInvitation({ role, invitedBy: t.adminId });
  return t.store.acceptInvitation({ token, name, email, password });
}

/** A fresh store for each test of the file: the returned object is refilled before each test and cleaned after it. */
export function useTestStore(): TestStore {
  const current = {} as TestStore;
  beforeEach(async () => {
    Object.assign(current, await openTestStore());
  });
  afterEach(async () => {
    await current.cleanup();
  });
  return current;
}
