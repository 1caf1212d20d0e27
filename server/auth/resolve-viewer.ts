/**
 * Who is behind a request: a personal access token (`Authorization: Bearer gare_…`), else the
 * session cookie, checked against the store, else a visitor.
 */
import type { AccountStore } from './account-store.ts';
import { authenticateApiToken, InvalidApiToken } from './api-tokens.ts';
import { readSessionCookie } from './cookies.ts';
import { anonymous, type Viewer } from '../access/viewer.ts';

/** Options of resolveViewer. */
export interface ResolveViewerOptions {
  /** The Cookie header. */
  cookieHeader: string | undefined;
  /** The Authorization header: a Bearer token there wins over the cookie; other schemes (a proxy's Basic) are ignored. */
  authorization?: string | undefined;
  /** The accounts store (its `sql` and `viewerOf` are needed for tokens). */
  store: Pick<AccountStore, 'getSession'> & Partial<Pick<AccountStore, 'sql' | 'viewerOf'>>;
  /** Clock (epoch ms) for a token's last use. */
  now?: () => number;
}

const refused = 'Jeton d’accès refusé : il est inconnu ou révoqué, ou son compte est désactivé. Créez-en un sur votre page « Mon compte » (/compte).';

/**
 * The viewer of a request; a missing, unknown, lapsed or deactivated session gives the anonymous
 * visitor, but a bad Bearer token throws InvalidApiToken (401): a script must hear that its token
 * is refused rather than silently read what a visitor reads.
 */
export async function resolveViewer({ cookieHeader, authorization, store, now = Date.now }: ResolveViewerOptions): Promise<Viewer> {
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (bearer !== undefined) return tokenViewer(bearer, store, now);
  const sessionId = readSessionCookie(cookieHeader);
  if (sessionId === undefined) return anonymous;
  const session = await store.getSession(sessionId);
  if (session === undefined) return anonymous;
  return { role: session.role, person: session.person, sessionId, csrf: session.csrf, groups: session.groups, sessionExpiresAt: session.expiresAt };
}

/** The owner of a token as they are now (role, groups), marked as coming from that token. */
async function tokenViewer(token: string, store: ResolveViewerOptions['store'], now: () => number): Promise<Viewer> {
  const grant = store.sql && (await authenticateApiToken({ sql: store.sql, now }, token));
  const owner = grant && (await store.viewerOf?.(grant.personId));
  if (!grant || !owner) throw new InvalidApiToken(refused);
  // An admin's token acts as admin only with scope write: a read token (a dashboard, a
  // spreadsheet) that leaks gives no view of people, e-mails or the audit log.
  const role = owner.role === 'admin' && grant.scope === 'read' ? 'equipe' : owner.role;
  return { ...owner, role, sessionId: undefined, csrf: undefined, apiToken: { id: grant.tokenId, scope: grant.scope } };
}
