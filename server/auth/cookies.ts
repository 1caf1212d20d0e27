/** The session cookie: parsing the Cookie header and writing Set-Cookie values. No `node:` import. */

/** Name of the session cookie. */
export const sessionCookieName = 'gare_session';

/** Parses a Cookie header into name → value; the first occurrence of a name wins (the most specific path, per RFC 6265). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name === '' || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** The session id carried by a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  return parseCookies(header).get(sessionCookieName);
}

/** Options of `serializeSessionCookie`. */
export interface SessionCookieOptions {
  /** Session id. */
  value: string;
  /** Epoch ms when the session lapses; becomes Max-Age. */
  expiresAt: number;
  /** Clock (epoch ms). */
  now?: number;
  /** True when the site is served over HTTPS: the cookie then never travels in clear. */
  secure: boolean;
}

function attributes(secure: boolean): string {
  // Lax: sent on top-level navigation from a link (an e-mailed page link stays logged in), never on cross-site POSTs.
  return `; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Set-Cookie value that stores the session in the browser. */
export function serializeSessionCookie({ value, expiresAt, now = Date.now(), secure }: SessionCookieOptions): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${sessionCookieName}=${encodeURIComponent(value)}; Max-Age=${maxAge}${attributes(secure)}`;
}

/** Set-Cookie value that removes the session cookie (logout). */
export function clearSessionCookie({ secure }: { secure: boolean }): string {
  return `${sessionCookieName}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${attributes(secure)}`;
}
