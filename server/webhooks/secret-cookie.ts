/**
 * A webhook's secret, just created, travels to the admin page in a short-lived cookie scoped to
 * `/admin/webhooks` rather than in the URL (kept out of history and logs), and is shown once.
 * No `node:` import: the admin page reads it too.
 */

/** Name of the cookie carrying the secret to copy. */
export const secretCookieName = 'gare_secret_webhook';

/** Path of the cookie: only the webhooks page receives it. */
export const secretCookiePath = '/admin/webhooks';

/** Set-Cookie value carrying the secret of hook `id` for a few minutes. */
export function serializeSecretCookie({ id, secret, secure }: { id: string; secret: string; secure: boolean }): string {
  return `${secretCookieName}=${encodeURIComponent(`${id} ${secret}`)}; Max-Age=600; Path=${secretCookiePath}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The hook id and secret a cookie value holds, if it is well formed. */
export function parseSecretCookie(value: string | undefined): { id: string; secret: string } | undefined {
  const match = /^([\w-]{1,100}) ([\w-]{20,100})$/.exec(value ?? '');
  return match ? { id: match[1] ?? '', secret: match[2] ?? '' } : undefined;
}
