/**
 * Logins under way at the provider: state, nonce and PKCE verifier kept server-side, keyed by a
 * random id that the browser holds in a short-lived HttpOnly cookie. Each is used once.
 */
import { hashToken, looksLikeToken, newToken } from './tokens.ts';
import type { Sql } from '../store/sql.ts';

/** What the callback needs to check the provider's answer. */
export interface PendingFlow {
  /** `state` sent to the provider. */
  state: string;
  /** `nonce` the ID token must carry. */
  nonce: string;
  /** PKCE code verifier. */
  codeVerifier: string;
  /** Local path to go back to after login. */
  retour: string;
  /** Epoch ms after which the flow is refused. */
  expiresAt: number;
}

/** Options of `createFlowStore`. */
export interface FlowStoreOptions {
  /** The accounts store (table `sso_flows`): the provider may send the browser back to another instance. */
  sql: Sql;
  /** Clock (epoch ms). */
  now: () => number;
  /** Lifetime of a flow: the time to log in at the provider. */
  ttlMs?: number;
  /** Flows kept at most: clicking « Se connecter » in a loop must not fill the table. */
  max?: number;
}

/** Name of the cookie holding the flow id. */
export const flowCookieName = 'gare_sso';

interface FlowRow {
  state: string;
  nonce: string;
  code_verifier: string;
  retour: string;
  expires_at: number;
}

/** Creates the store of logins under way, shared by every instance. */
export function createFlowStore({ sql, now, ttlMs = 10 * 60 * 1000, max = 10_000 }: FlowStoreOptions) {
  // Keyed by the SHA-256 of the cookie value, like sessions: a database dump gives no usable cookie.
  async function sweep(tx: Sql): Promise<void> {
    await tx.run('DELETE FROM sso_flows WHERE expires_at <= ?', [now()]);
    const count = Number((await tx.get<{ n: number }>('SELECT count(*) AS n FROM sso_flows'))?.n ?? 0);
    // The oldest flows go first.
    if (count >= max) await tx.run('DELETE FROM sso_flows WHERE hash IN (SELECT hash FROM sso_flows ORDER BY expires_at LIMIT ?)', [count - max + 1]);
  }

  return {
    /** Keeps a new flow; returns the cookie value that finds it again. */
    async start(flow: Omit<PendingFlow, 'expiresAt'>): Promise<{ id: string; maxAgeSeconds: number }> {
      const id = newToken();
      await sql.transaction(async (tx) => {
        await sweep(tx);
        await tx.run('INSERT INTO sso_flows (hash, state, nonce, code_verifier, retour, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
          hashToken(id), flow.state, flow.nonce, flow.codeVerifier, flow.retour, now() + ttlMs,
        ]);
      });
      return { id, maxAgeSeconds: Math.floor(ttlMs / 1000) };
    },

    /** Takes the flow of a cookie value out of the store (a replayed callback finds nothing); undefined when unknown or lapsed. */
    async take(id: string | undefined): Promise<PendingFlow | undefined> {
      if (id === undefined || !looksLikeToken(id)) return undefined;
      // Deleted and read in one statement: two callbacks at once (on two instances) get it once.
      const row = await sql.get<FlowRow>('DELETE FROM sso_flows WHERE hash = ? RETURNING state, nonce, code_verifier, retour, expires_at', [hashToken(id)]);
      if (row === undefined || Number(row.expires_at) <= now()) return undefined;
      return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, retour: row.retour, expiresAt: Number(row.expires_at) };
    },
  };
}

/** The store of logins under way. */
export type FlowStore = ReturnType<typeof createFlowStore>;

/** Set-Cookie value of the flow cookie: sent back only to the single sign-on routes, on the provider's top-level redirect (Lax). */
export function serializeFlowCookie({ id, maxAgeSeconds, secure }: { id: string; maxAgeSeconds: number; secure: boolean }): string {
  return `${flowCookieName}=${id}; Max-Age=${maxAgeSeconds}; Path=/api/sso; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
