/** Cross-site request forgery checks for state-changing requests. */
import { timingSafeEqual } from 'node:crypto';
import { Forbidden } from '../errors.ts';

/** Request headers as Node gives them (lower-case names). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Methods that never change state and are therefore not checked. */
const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const crossSite = 'Requête refusée : elle ne vient pas de ce site. Rechargez la page et réessayez.';

/** Throws Forbidden unless a state-changing request comes from our own origin (Origin, else Sec-Fetch-Site). Use alone for forms without a session (login, invitation). */
export function checkSameOrigin(input: { method: string; headers: RequestHeaders; expectedOrigin: string | readonly string[] }): void {
  if (safeMethods.has(input.method.toUpperCase())) return;
  const expected = typeof input.expectedOrigin === 'string' ? [input.expectedOrigin] : input.expectedOrigin;
  const fetchSite = header(input.headers, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') throw new Forbidden(crossSite);
  const origin = header(input.headers, 'origin');
  if (origin !== undefined) {
    if (!expected.includes(origin)) throw new Forbidden(crossSite);
    return;
  }
  // No Origin (older browsers, some privacy settings): only a browser-stamped same-origin is enough.
  if (fetchSite !== 'same-origin') throw new Forbidden(crossSite);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Options of `checkCsrf`. */
export interface CheckCsrfOptions {
  /** HTTP method. */
  method: string;
  /** Request headers (origin, sec-fetch-site, x-csrf-token). */
  headers: RequestHeaders;
  /** The `_csrf` field of a submitted form, if the body was a form. */
  formToken?: string | undefined;
  /** The CSRF token of the viewer's session; undefined when not logged in. */
  sessionCsrf: string | undefined;
  /** Our origin(s), e.g. `https://gare.example.org`. */
  expectedOrigin: string | readonly string[];
}

/** Throws Forbidden unless a state-changing request is same-origin AND carries the session's token (header X-CSRF-Token or form field `_csrf`). */
export function checkCsrf({ method, headers, formToken, sessionCsrf, expectedOrigin }: CheckCsrfOptions): void {
  if (safeMethods.has(method.toUpperCase())) return;
  checkSameOrigin({ method, headers, expectedOrigin });
  const given = header(headers, 'x-csrf-token') ?? formToken;
  if (sessionCsrf === undefined || given === undefined || !sameToken(given, sessionCsrf)) {
    throw new Forbidden('Jeton de sécurité absent ou périmé : rechargez la page, puis recommencez.');
  }
}
