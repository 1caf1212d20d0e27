/** Login sessions: random ids handed to the browser, only their SHA-256 kept in the database. */
import type { Person } from '../access/viewer.ts';
import { CreateSessionSchema, type AccountRole } from './account-schemas.ts';
import { getPerson, toPerson, type PersonRow } from './account-db.ts';
import { hashToken, looksLikeToken, newToken } from './tokens.ts';
import { parseInput } from './parse-input.ts';
import { AccountDeactivated } from './auth-errors.ts';
import type { Sql } from '../store/sql.ts';

/** What the browser gets at login: the cookie value, the CSRF token, and when it lapses. */
export interface IssuedSession {
  /** Cookie value; never stored in clear. */
  sessionId: string;
  /** Token to echo in X-CSRF-Token or `_csrf` on every state-changing request. */
  csrf: string;
  /** Epoch ms after which the session is refused unless used before. */
  expiresAt: number;
}

/** A live session, as read on each request. */
export interface SessionInfo {
  /** The logged-in person. */
  person: Person;
  /** Their current role (read live: a role change applies at the next request). */
  role: AccountRole;
  /** CSRF token of the session. */
  csrf: string;
  /** Keys of the person's groups (read live, in the same query: a membership change applies at the next request). */
  groups: string[];
  /** Epoch ms of expiry, after this request's sliding renewal. */
  expiresAt: number;
}

/** Options of the session operations. */
export interface SessionOpsOptions {
  /** The accounts store. */
  sql: Sql;
  /** Clock (epoch ms). */
  now: () => number;
  /** Idle lifetime: a session unused this long lapses (sliding). */
  idleMs?: number;
  /** Absolute lifetime: even a session used daily must log in again after this. */
  maxLifetimeMs?: number;
}

const day = 24 * 3600 * 1000;
// Renewing on every request would turn each page view into a write; once a minute is plenty.
const renewEveryMs = 60 * 1000;

/** Session operations over the accounts database. */
export function createSessionOps({ sql, now, idleMs = 30 * day, maxLifetimeMs = 365 * day }: SessionOpsOptions) {
  // The person's groups come in the same query (one round trip per request); the engines name
  // string aggregation differently.
  const keys = sql.dialect === 'postgres' ? 'string_agg(g.key, chr(31))' : 'group_concat(g.key, char(31))';
  const select = `SELECT s.user_id, s.csrf, s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.expires_at, p.*,
            (SELECT ${keys} FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = p.id) AS group_keys
       FROM sessions s JOIN people p ON p.id = s.user_id WHERE s.hash = ?`;
  const deleteOne = (hash: string) => sql.run('DELETE FROM sessions WHERE hash = ?', [hash]);
  const seen = (t: number, id: string) => sql.run('UPDATE people SET last_seen_at = ? WHERE id = ?', [t, id]);

  return {
    /** Issues a fresh session for an active account (always a new id: no session fixation). */
    async createSession(input: { userId: string; userAgent?: string; idToken?: string }): Promise<IssuedSession> {
      const { userId, userAgent } = parseInput(CreateSessionSchema, input);
      // The provider's ID token of a single sign-on session, for the logout's `id_token_hint`.
      const idToken = input.idToken !== undefined && input.idToken.length <= 16_000 ? input.idToken : null;
      const person = await getPerson(sql, userId);
      if (person.active !== 1) throw new AccountDeactivated('Ce compte a été désactivé. Adressez-vous à un·e administrateur·ice.');
      const t = now();
      await sql.run('DELETE FROM sessions WHERE expires_at <= ?', [t]);
      const sessionId = newToken();
      const csrf = newToken();
      const expiresAt = Math.min(t + idleMs, t + maxLifetimeMs);
      await sql.run(
        'INSERT INTO sessions (hash, user_id, csrf, user_agent, created_at, last_seen_at, expires_at, id_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [hashToken(sessionId), userId, csrf, userAgent ?? null, t, t, expiresAt, idToken],
      );
      await seen(t, userId);
      return { sessionId, csrf, expiresAt };
    },

    /** The live session behind a cookie value, renewed (sliding); undefined when unknown, lapsed or the account is inactive. */
    async getSession(sessionId: string): Promise<SessionInfo | undefined> {
      if (!looksLikeToken(sessionId)) return undefined;
      const hash = hashToken(sessionId);
      const row = await sql.get<PersonRow & { csrf: string; s_created_at: number; s_last_seen_at: number; expires_at: number; group_keys: string | null }>(select, [hash]);
      if (row === undefined) return undefined;
      const t = now();
      if (row.active !== 1 || row.expires_at <= t) {
        await deleteOne(hash);
        return undefined;
      }
      let expiresAt = row.expires_at;
      if (t - row.s_last_seen_at >= renewEveryMs) {
        expiresAt = Math.min(t + idleMs, row.s_created_at + maxLifetimeMs);
        await sql.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE hash = ?', [t, expiresAt, hash]);
        await seen(t, row.id);
      }
      const groups = row.group_keys === null ? [] : row.group_keys.split('\u001f').sort();
      return { person: toPerson(row), role: row.role, csrf: row.csrf, groups, expiresAt };
    },

    /** The ID token of a single sign-on session (for the provider's logout), if any. */
    async sessionIdToken(sessionId: string): Promise<string | undefined> {
      if (!looksLikeToken(sessionId)) return undefined;
      const row = await sql.get<{ id_token: string | null }>('SELECT id_token FROM sessions WHERE hash = ?', [hashToken(sessionId)]);
      return row?.id_token ?? undefined;
    },

    /** Ends one session (logout); unknown ids are ignored. */
    async deleteSession(sessionId: string): Promise<void> {
      if (looksLikeToken(sessionId)) await deleteOne(hashToken(sessionId));
    },

    /** Ends every session of an account ("log out everywhere"); returns how many were ended. */
    async deleteAllSessions(userId: string): Promise<number> {
      return (await sql.run('DELETE FROM sessions WHERE user_id = ?', [userId])).changes;
    },
  };
}

/** The session operations. */
export type SessionOps = ReturnType<typeof createSessionOps>;
