/**
 * A one-time link just created by an admin (invitation, reset) travels to the admin page in a
 * short-lived cookie scoped to /admin rather than in the URL: secrets stay out of history and logs.
 * No `node:` import: the admin page reads it too.
 */

/** Name of the cookie carrying the link to copy. */
export const linkCookieName = 'gare_lien';

/** Path of the cookie: only the admin page receives it. */
export const linkCookiePath = '/admin';

/** Set-Cookie value carrying `url` for a few minutes. */
export function serializeLinkCookie({ url, secure }: { url: string; secure: boolean }): string {
  return `${linkCookieName}=${encodeURIComponent(url)}; Max-Age=600; Path=${linkCookiePath}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
