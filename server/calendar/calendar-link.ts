/**
 * Addresses of the calendar feeds, and the personal link just created on its way to the account
 * page: in a short-lived cookie scoped to /compte rather than in the URL, so that the secret stays
 * out of history and logs and is shown once. No `node:` import: the account page reads it too.
 */

/** Address of the public feed. */
export const publicCalendarPath = '/calendrier.ics';

/** Address of a personal feed. */
export function personalCalendarPath(token: string): string {
  return `/calendrier/${token}.ics`;
}

/** The same feed for the « webcal: » scheme, which opens the subscription in the calendar application. */
export function webcalOf(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

/** Name of the cookie carrying the new link. */
export const calendarLinkCookieName = 'gare_calendrier';

/** Path of the cookie: only the account page receives it. */
export const calendarLinkCookiePath = '/compte';

/** Set-Cookie value carrying the new link's `url` for a few minutes. */
export function serializeCalendarLinkCookie({ url, secure }: { url: string; secure: boolean }): string {
  return `${calendarLinkCookieName}=${encodeURIComponent(url)}; Max-Age=600; Path=${calendarLinkCookiePath}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** True when a cookie value is a personal feed's address (and nothing else could be shown). */
export function isPersonalCalendarUrl(value: string): boolean {
  return /^https?:\/\/\S+\/calendrier\/[A-Za-z0-9_-]{43}\.ics$/.test(value);
}

/** What the page needs of Astro's cookies (structural: the server does not import Astro). */
export interface CalendarCookieJar {
  get(name: string): { value: string } | undefined;
  delete(name: string, options: { path: string }): void;
}

/** The personal link created just before, once: the cookie is deleted as it is read (call it in the page, before streaming). */
export function takeNewCalendarLink(cookies: CalendarCookieJar): string | undefined {
  const raw = cookies.get(calendarLinkCookieName)?.value;
  if (raw === undefined) return undefined;
  cookies.delete(calendarLinkCookieName, { path: calendarLinkCookiePath });
  let url: string;
  try {
    url = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return isPersonalCalendarUrl(url) ? url : undefined;
}
