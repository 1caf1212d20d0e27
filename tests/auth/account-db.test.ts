import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { accountMigrations } from '../../server/auth/account-migrations.ts';
import { createAccountStore } from '../../server/auth/account-store.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { openStores } from '../../server/store/open-stores.ts';

/** What `openAccountDb` did before issue 13: each step in a transaction, its number in `PRAGMA user_version`. */
function openAccountDbAsBefore(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  accountMigrations.slice(0, 3).forEach((step, i) => {
    if (i < version) return;
    db.exec('BEGIN IMMEDIATE');
    db.exec(typeof step === 'string' ? step : step.sqlite);
    db.exec(`PRAGMA user_version = ${i + 1}`);
    db.exec('COMMIT');
  });
  return db;
}

describe('the accounts database of before the store interface', () => {
  it('opens unchanged: its people log in, its sessions stay open, and the new tables are added', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gare-legacy-'));
    const file = path.join(dataDir, 'accounts.sqlite');
    const old = openAccountDbAsBefore(file);
    const now = Date.UTC(2026, 11, 1);
    old.prepare("INSERT INTO people (id, name, email, role, active, password_hash, created_at) VALUES ('p1', 'Alice Admin', 'alice@exemple.fr', 'admin', 1, ?, ?)").run(await hashPassword('phrase secrète alice'), now);
    old.prepare("INSERT INTO groups (id, name, key, from_sso, created_at) VALUES ('g1', 'Accompagnement', 'accompagnement', 0, ?)").run(now);
    old.prepare("INSERT INTO group_members (group_id, user_id, source, added_at) VALUES ('g1', 'p1', 'admin', ?)").run(now);
    const sessionId = 'S'.repeat(43);
    old.prepare("INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen_at, expires_at) VALUES (?, 'p1', 'csrf', ?, ?, ?)").run(hashToken(sessionId), now, now, now + 86_400_000);
    old.prepare("INSERT INTO audit_log (at, actor_id, actor_name, action, target) VALUES (?, 'p1', 'Alice Admin', 'group.create', 'Accompagnement')").run(now);
    expect((old.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(3);
    old.close();

    const stores = await openStores({ dataDir });
    const accounts = await createAccountStore({ store: stores.accounts, now: () => now + 1000 });
    expect(await accounts.hasAdmin()).toBe(true);
    expect(await accounts.getSession(sessionId)).toMatchObject({ person: { id: 'p1', name: 'Alice Admin' }, role: 'admin', groups: ['accompagnement'] });
    await expect(accounts.verifyLogin({ email: 'alice@exemple.fr', password: 'phrase secrète alice' })).resolves.toMatchObject({ role: 'admin' });
    expect((await accounts.listAudit({})).items.map((e) => e.action)).toEqual(['group.create']);
    // Steps 1–3 were not run again (they would fail on existing tables); step 4 was.
    expect(await accounts.sql.get('SELECT version FROM gare_schema WHERE name = ?', ['accounts'])).toEqual({ version: accountMigrations.length });
    expect(await accounts.sql.all('SELECT * FROM login_attempts')).toEqual([]);
    // Still readable by the server's user only: password hashes and e-mails.
    expect(statSync(file).mode & 0o077).toBe(0);
    await accounts.close();
    await stores.close();
  });
});
