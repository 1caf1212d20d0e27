/**
 * The viewer a person would be if they logged in now: role and groups from the accounts
 * database. Notifications, e-mails, calendar feeds, API tokens and webhooks act on someone's
 * behalf without a session; they ask the one gate with this viewer, never with a role of their own.
 */
import type { DatabaseSync } from 'node:sqlite';
import { toPerson, type PersonRow } from './account-db.ts';
import { groupsOf } from './groups.ts';
import type { Viewer } from '../access/viewer.ts';

/** The viewer of an active account (no session, no CSRF token); undefined when unknown or deactivated. */
export function viewerOfPerson(db: DatabaseSync, personId: string): Viewer | undefined {
  const row = db.prepare('SELECT * FROM people WHERE id = ? AND active = 1').get(personId) as PersonRow | undefined;
  if (row === undefined) return undefined;
  return { role: row.role, person: toPerson(row), sessionId: undefined, csrf: undefined, groups: groupsOf(db, row.id) };
}
