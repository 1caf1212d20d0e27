/**
 * Personal calendar links (`/calendrier/<token>.ics`), rows of `calendar_tokens` (migration 3).
 * A calendar application cannot log in, so the secret is in the URL: only its SHA-256 is kept,
 * each person has at most one working link (a new one revokes the old), and a link gives nothing
 * once revoked or once its person is deactivated (the feed asks `viewerOf`, which says so).
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../auth/account-db.ts';
import { hashToken, looksLikeToken, newToken } from '../auth/tokens.ts';
import type { Viewer } from '../access/viewer.ts';

/** Options of `createCalendarTokens`. */
export interface CalendarTokensOptions {
  /** The accounts database (`hub.accounts.database`). */
  db: DatabaseSync;
  /** Clock, ms since epoch. */
  now: () => number;
}

/** The calendar links of the hub's people. */
export interface CalendarTokens {
  /** A new link's secret for `userId` (shown once); the person's earlier links stop working. */
  issue(userId: string): string;
  /** Revokes the person's working link; true when there was one. */
  revoke(userId: string): boolean;
  /** Account id behind a working link's secret; undefined when unknown, revoked or malformed. */
  personOf(token: string): string | undefined;
  /** When the person's working link was created (ms), or undefined when they have none. */
  activeSince(userId: string): number | undefined;
}

/** Creates the store over the accounts database. */
export function createCalendarTokens({ db, now }: CalendarTokensOptions): CalendarTokens {
  const revokeAll = db.prepare('UPDATE calendar_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL');
  const insert = db.prepare('INSERT INTO calendar_tokens (hash, user_id, created_at) VALUES (?, ?, ?)');
  const lookup = db.prepare('SELECT user_id FROM calendar_tokens WHERE hash = ? AND revoked_at IS NULL');
  const active = db.prepare('SELECT created_at FROM calendar_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1');
  return {
    issue(userId) {
      const token = newToken();
      transaction(db, () => {
        const at = now();
        revokeAll.run(at, userId);
        insert.run(hashToken(token), userId, at);
      });
      return token;
    },
    revoke(userId) {
      return Number(revokeAll.run(now(), userId).changes) > 0;
    },
    personOf(token) {
      if (!looksLikeToken(token)) return undefined;
      const row = lookup.get(hashToken(token)) as { user_id: string } | undefined;
      return row?.user_id;
    },
    activeSince(userId) {
      const row = active.get(userId) as { created_at: number } | undefined;
      return row === undefined ? undefined : Number(row.created_at);
    },
  };
}

/** When the viewer's own working link was created (their account page); undefined for a visitor or when they have none. */
export function ownCalendarLink({ db, viewer }: { db: DatabaseSync | undefined; viewer: Viewer }): { since: number } | undefined {
  if (db === undefined || viewer.person === undefined) return undefined;
  const since = createCalendarTokens({ db, now: Date.now }).activeSince(viewer.person.id);
  return since === undefined ? undefined : { since };
}
