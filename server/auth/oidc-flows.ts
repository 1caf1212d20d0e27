/**
 * Logins under way at the provider: state, nonce and PKCE verifier kept server-side, keyed by a
 * random id that the browser holds in a short-lived HttpOnly cookie. Each is used once.
 */
import { hashToken, looksLikeToken, newToken } from './tokens.ts';

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
  /** Clock (epoch ms). */
  now: () => number;
  /** Lifetime of a flow: the time to log in at the provider. */
  ttlMs?: number;
  /** Flows kept at most: clicking « Se connecter » in a loop must not fill the memory. */
  max?: number;
}

/** Name of the cookie holding the flow id. */
export const flowCookieName = 'gare_sso';

/** Creates the store of logins under way (one per process). */
export function createFlowStore({ now, ttlMs = 10 * 60 * 1000, max = 10_000 }: FlowStoreOptions) {
  // Keyed by the SHA-256 of the cookie value, like sessions: a memory dump gives no usable cookie.
  const flows = new Map<string, PendingFlow>();

  function sweep(): void {
    const t = now();
    for (const [key, flow] of flows) if (flow.expiresAt <= t) flows.delete(key);
    // Maps iterate in insertion order: the oldest flows go first.
    for (const key of flows.keys()) {
      if (flows.size < max) break;
      flows.delete(key);
    }
  }

  return {
    /** Keeps a new flow; returns the cookie value that finds it again. */
    start(flow: Omit<PendingFlow, 'expiresAt'>): { id: string; maxAgeSeconds: number } {
      sweep();
      const id = newToken();
      flows.set(hashToken(id), { ...flow, expiresAt: now() + ttlMs });
      return { id, maxAgeSeconds: Math.floor(ttlMs / 1000) };
    },

    /** Takes the flow of a cookie value out of the store (a replayed callback finds nothing); undefined when unknown or lapsed. */
    take(id: string | undefined): PendingFlow | undefined {
      if (id === undefined || !looksLikeToken(id)) return undefined;
      const key = hashToken(id);
      const flow = flows.get(key);
      flows.delete(key);
      return flow !== undefined && flow.expiresAt > now() ? flow : undefined;
    },
  };
}

/** The store of logins under way. */
export type FlowStore = ReturnType<typeof createFlowStore>;

/** Set-Cookie value of the flow cookie: sent back only to the single sign-on routes, on the provider's top-level redirect (Lax). */
export function serializeFlowCookie({ id, maxAgeSeconds, secure }: { id: string; maxAgeSeconds: number; secure: boolean }): string {
  return `${flowCookieName}=${id}; Max-Age=${maxAgeSeconds}; Path=/api/sso; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
