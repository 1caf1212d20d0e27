/** The accounts database's shared helpers: its schema, and the reads every operation module needs. */
import { rolesAllowed } from '../access/policy.ts';
import type { Person } from '../access/viewer.ts';
import type { Sql, SqlStore } from '../store/sql.ts';
import type { AccountRole } from './account-schemas.ts';
import { accountMigrations } from './account-migrations.ts';
import { Forbidden } from '../errors.ts';
import { PersonNotFound } from './auth-errors.ts';

/** Brings the accounts schema of a store up to date (an `accounts.sqlite` of before issue 13 opens as it is). */
export async function migrateAccounts(store: SqlStore): Promise<void> {
  await store.migrate('accounts', accountMigrations);
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
export function findPerson(sql: Sql, id: string): Promise<PersonRow | undefined> {
  return sql.get<PersonRow>('SELECT * FROM people WHERE id = ?', [id]);
}

/** Reads one person by id, or throws PersonNotFound. */
export async function getPerson(sql: Sql, id: string): Promise<PersonRow> {
  const row = await findPerson(sql, id);
  if (row === undefined) throw new PersonNotFound('Compte introuvable : il a peut-être été supprimé. Rechargez la liste des personnes.');
  return row;
}

/** Throws Forbidden unless `by` is an active admin: the store checks the actor, not only the HTTP layer. */
export async function requireActiveAdmin(sql: Sql, by: string): Promise<PersonRow> {
  const row = await findPerson(sql, by);
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
export async function countOtherActiveAdmins(sql: Sql, exceptId: string): Promise<number> {
  const managers = rolesAllowed('people.manage');
  const row = await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM people WHERE role IN (${managers.map(() => '?').join(', ')}) AND active = 1 AND id <> ?`, [...managers, exceptId]);
  return Number(row?.n ?? 0);
}
