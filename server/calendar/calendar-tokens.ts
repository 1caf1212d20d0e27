/**
 * Personal calendar links (`/calendrier/<token>.ics`), rows of `calendar_tokens` (migration 3).
 * A calendar application cannot log in, so the secret is in the URL: only its SHA-256 is kept,
 * each person has at most one working link (a new one revokes the old), and a link gives nothing
 * once revoked or once its person is deactivated (the feed asks `viewerOf`, which says so).
 */
import { hashToken, looksLikeToken, newToken } from '../auth/tokens.ts';
import type { Viewer } from '../access/viewer.ts';
import type { Sql } from '../store/sql.ts';

/** Options of `createCalendarTokens`. */
export interface CalendarTokensOptions {
  /** The accounts store (`hub.accounts.sql`). */
  sql: Sql;
  /** Clock, ms since epoch. */
  now: () => number;
}

/** The calendar links of the hub's people. */
export interface CalendarTokens {
  /** A new link's secret for `userId` (shown once); the person's earlier links stop working. */
  issue(userId: string): Promise<string>;
  /** Revokes the person's working link; true when there was one. */
  revoke(userId: string): Promise<boolean>;
  /** Account id behind a working link's secret; undefined when unknown, revoked or malformed. */
  personOf(token: string): Promise<string | undefined>;
  /** When the person's working link was created (ms), or undefined when they have none. */
  activeSince(userId: string): Promise<number | undefined>;
}

const revokeAll = 'UPDATE calendar_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL';

/** Creates the store over the accounts store. */
export function createCalendarTokens({ sql, now }: CalendarTokensOptions): CalendarTokens {
  return {
    async issue(userId) {
      const token = newToken();
      await sql.transaction(async (tx) => {
        const at = now();
        await tx.run(revokeAll, [at, userId]);
        await tx.run('INSERT INTO calendar_tokens (hash, user_id, created_at) VALUES (?, ?, ?)', [hashToken(token), userId, at]);
      });
      return token;
    },
    async revoke(userId) {
      return (await sql.run(revokeAll, [now(), userId])).changes > 0;
    },
    async personOf(token) {
      if (!looksLikeToken(token)) return undefined;
      const row = await sql.get<{ user_id: string }>('SELECT user_id FROM calendar_tokens WHERE hash = ? AND revoked_at IS NULL', [hashToken(token)]);
      return row?.user_id;
    },
    async activeSince(userId) {
      const row = await sql.get<{ created_at: number }>('SELECT created_at FROM calendar_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1', [userId]);
      return row === undefined ? undefined : Number(row.created_at);
    },
  };
}

/** When the viewer's own working link was created (their account page); undefined for a visitor or when they have none. */
export async function ownCalendarLink({ sql, viewer }: { sql: Sql | undefined; viewer: Viewer }): Promise<{ since: number } | undefined> {
  if (sql === undefined || viewer.person === undefined) return undefined;
  const since = await createCalendarTokens({ sql, now: Date.now }).activeSince(viewer.person.id);
  return since === undefined ? undefined : { since };
}
