/**
 * The viewer a person would be if they logged in now: role and groups from the accounts
 * database. Notifications, e-mails, calendar feeds, API tokens and webhooks act on someone's
 * behalf without a session; they ask the one gate with this viewer, never with a role of their own.
 */
import type { Sql } from '../store/sql.ts';
import { toPerson, type PersonRow } from './account-db.ts';
import { groupsOf } from './groups.ts';
import type { Viewer } from '../access/viewer.ts';

/** The viewer of an active account (no session, no CSRF token); undefined when unknown or deactivated. */
export async function viewerOfPerson(sql: Sql, personId: string): Promise<Viewer | undefined> {
  const row = await sql.get<PersonRow>('SELECT * FROM people WHERE id = ? AND active = 1', [personId]);
  if (row === undefined) return undefined;
  return { role: row.role, person: toPerson(row), sessionId: undefined, csrf: undefined, groups: await groupsOf(sql, row.id) };
}
