/** The accounts database: a SQLite file in the data dir, outside the content repository. */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { rolesAllowed } from '../access/policy.ts';
import type { Person } from '../access/viewer.ts';
import type { AccountRole } from './account-schemas.ts';
import { Forbidden } from '../errors.ts';
import { PersonNotFound } from './auth-errors.ts';

const migrations = [
  `CREATE TABLE people (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     email TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('contributeur', 'equipe', 'admin')),
     active INTEGER NOT NULL DEFAULT 1,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER
   );
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('invitation', 'first-admin', 'reset')),
     role TEXT,
     email TEXT,
     user_id TEXT REFERENCES people(id) ON DELETE CASCADE,
     created_by TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER
   );
   CREATE TABLE sessions (
     hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     csrf TEXT NOT NULL,
     user_agent TEXT,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);`,
  // Issue 12: single sign-on identities, groups and their members, and the audit log of rights.
  `ALTER TABLE people ADD COLUMN sso_subject TEXT;
   CREATE UNIQUE INDEX people_by_sso ON people (sso_subject) WHERE sso_subject IS NOT NULL;
   ALTER TABLE sessions ADD COLUMN id_token TEXT;
   CREATE TABLE groups (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     key TEXT NOT NULL UNIQUE,
     from_sso INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE group_members (
     group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     source TEXT NOT NULL CHECK (source IN ('admin', 'sso')),
     added_at INTEGER NOT NULL,
     PRIMARY KEY (group_id, user_id)
   );
   CREATE INDEX group_members_by_user ON group_members (user_id);
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT,
     actor_name TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     detail TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX audit_log_by_time ON audit_log (at);`,
  // Issue 14: conversations (threads and comments on pages and pads), following, notifications
  // and their e-mail settings, action reminders sent, calendar and API tokens, webhooks.
  `CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     target_kind TEXT NOT NULL CHECK (target_kind IN ('page', 'pad')),
     target TEXT NOT NULL,
     anchor_kind TEXT NOT NULL CHECK (anchor_kind IN ('page', 'heading', 'passage')),
     anchor_heading TEXT,
     anchor_quote TEXT,
     anchor_prefix TEXT,
     anchor_suffix TEXT,
     created_by TEXT REFERENCES people(id) ON DELETE SET NULL,
     created_at INTEGER NOT NULL,
     resolved_at INTEGER,
     resolved_by TEXT REFERENCES people(id) ON DELETE SET NULL
   );
   CREATE INDEX comment_threads_by_target ON comment_threads (target_kind, target);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
     author_id TEXT REFERENCES people(id) ON DELETE SET NULL,
     author_name TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     edited_at INTEGER,
     deleted_at INTEGER
   );
   CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
   CREATE TABLE follows (
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('page', 'tag', 'section', 'register')),
     target TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('manual', 'author')),
     muted INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, kind, target)
   );
   CREATE INDEX follows_by_target ON follows (kind, target);
   CREATE TABLE notifications (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     target_kind TEXT NOT NULL CHECK (target_kind IN ('page', 'pad', 'register', 'tag', 'section')),
     target TEXT NOT NULL,
     actor_name TEXT,
     data TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     read_at INTEGER,
     emailed_at INTEGER
   );
   CREATE INDEX notifications_by_user ON notifications (user_id, read_at, created_at);
   CREATE INDEX notifications_to_mail ON notifications (emailed_at, created_at);
   CREATE TABLE pad_mentions_seen (
     pad TEXT PRIMARY KEY,
     mentions TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE notification_settings (
     user_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
     email_mode TEXT NOT NULL DEFAULT 'immediate' CHECK (email_mode IN ('immediate', 'digest', 'off')),
     unsubscribe_hash TEXT UNIQUE,
     last_digest_at INTEGER
   );
   CREATE TABLE reminders_sent (
     key TEXT PRIMARY KEY,
     sent_at INTEGER NOT NULL
   );
   CREATE TABLE calendar_tokens (
     hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER
   );
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
     hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER,
     revoked_at INTEGER
   );
   CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
   CREATE TABLE webhooks (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     secret TEXT NOT NULL,
     events TEXT NOT NULL,
     owner_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
     active INTEGER NOT NULL DEFAULT 1,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE webhook_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
     event TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER,
     last_status INTEGER,
     last_error TEXT,
     created_at INTEGER NOT NULL,
     delivered_at INTEGER
   );
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);`,
];

/** Opens (creating if needed) the accounts database in WAL mode and brings its schema up to date. */
export function openAccountDb(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  // Password hashes and e-mails: readable by the server's user only (no-op where chmod is meaningless).
  if (file !== ':memory:') chmodSync(file, 0o600);
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  migrations.slice(version).forEach((sql, i) => {
    transaction(db, () => {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${version + i + 1}`);
    });
  });
  return db;
}

/** Runs `fn` in an immediate transaction: checks and writes cannot interleave with another process. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** A row of `people`. */
export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  active: number;
  password_hash: string;
  created_at: number;
  last_seen_at: number | null;
  /** `issuer|sub` of the single sign-on identity, when the account came from the identity provider. */
  sso_subject: string | null;
}

/** The account of a `people` row, as the rest of the hub sees it. */
export function toPerson(row: PersonRow): Person {
  return { id: row.id, name: row.name, email: row.email };
}

/** Reads one person by id. */
export function findPerson(db: DatabaseSync, id: string): PersonRow | undefined {
  return db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
}

/** Reads one person by id, or throws PersonNotFound. */
export function getPerson(db: DatabaseSync, id: string): PersonRow {
  const row = findPerson(db, id);
  if (row === undefined) throw new PersonNotFound('Compte introuvable : il a peut-être été supprimé. Rechargez la liste des personnes.');
  return row;
}

/** Throws Forbidden unless `by` is an active admin: the store checks the actor, not only the HTTP layer. */
export function requireActiveAdmin(db: DatabaseSync, by: string): PersonRow {
  const row = findPerson(db, by);
  if (row === undefined || row.active !== 1 || !managePeople(row.role)) {
    throw new Forbidden('Seul·e un·e administrateur·ice actif·ve peut gérer les personnes.');
  }
  return row;
}

/** True when people of this role manage people (admins). */
export function managePeople(role: string): boolean {
  return (rolesAllowed('people.manage') as string[]).includes(role);
}

/** Number of active admins other than `exceptId`. */
export function countOtherActiveAdmins(db: DatabaseSync, exceptId: string): number {
  const managers = rolesAllowed('people.manage');
  const row = db.prepare(`SELECT COUNT(*) AS n FROM people WHERE role IN (${managers.map(() => '?').join(', ')}) AND active = 1 AND id <> ?`).get(...managers, exceptId);
  return Number((row as { n: number }).n);
}
