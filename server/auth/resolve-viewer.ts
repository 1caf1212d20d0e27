/** Who is behind a request: the session cookie, checked against the store, else a visitor. */
import type { AccountStore } from './account-store.ts';
import { readSessionCookie } from './cookies.ts';
import { anonymous, type Viewer } from '../access/viewer.ts';

/** The viewer of a request; a missing, unknown, lapsed or deactivated session gives the anonymous visitor. */
export function resolveViewer({ cookieHeader, store }: { cookieHeader: string | undefined; store: Pick<AccountStore, 'getSession'> }): Viewer {
  const sessionId = readSessionCookie(cookieHeader);
  if (sessionId === undefined) return anonymous;
  const session = store.getSession(sessionId);
  if (session === undefined) return anonymous;
  return { role: session.role, person: session.person, sessionId, csrf: session.csrf, groups: session.groups, sessionExpiresAt: session.expiresAt };
}
