/**
 * A personal access token just created travels to /compte in a short-lived cookie scoped to that
 * page, not in the URL (history, logs, Referer): the page shows it once and deletes the cookie.
 * No `node:` import: the account page reads it too.
 */

/** Name of the cookie carrying the new token. */
export const apiTokenCookieName = 'gare_jeton_api';

/** Path of the cookie: only the account page receives it. */
export const apiTokenCookiePath = '/compte';

/** Set-Cookie value carrying `token` for a few minutes. */
export function serializeApiTokenCookie({ token, secure }: { token: string; secure: boolean }): string {
  return `${apiTokenCookieName}=${encodeURIComponent(token)}; Max-Age=600; Path=${apiTokenCookiePath}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** What the page needs of Astro's cookies (kept structural: the server does not import Astro). */
export interface CookieJar {
  get(name: string): { value: string } | undefined;
  delete(name: string, options: { path: string }): void;
}

/** The token created just before, once: the cookie is deleted as it is read (call it in the page, before streaming). */
export function takeNewApiToken(cookies: CookieJar): string | undefined {
  const raw = cookies.get(apiTokenCookieName)?.value;
  if (raw === undefined) return undefined;
  cookies.delete(apiTokenCookieName, { path: apiTokenCookiePath });
  const token = decodeURIComponent(raw);
  return /^gare_[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}
