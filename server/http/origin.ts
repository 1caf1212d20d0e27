/**
 * Where a browser request comes from: the one rule, shared by the HTTP write guard and the pad
 * WebSocket upgrade, that a request carrying a browser's Origin must come from this hub.
 */
import { Forbidden } from '../errors.ts';

/** Request headers as Node gives them (lower-case names). */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Origins a browser may send for this hub: the configured public URL and the Host it reached. */
export function ownOrigins({ headers, publicUrl }: { headers: Headers; publicUrl: string | undefined }): string[] {
  const out: string[] = [];
  if (publicUrl) out.push(new URL(publicUrl).origin);
  const host = first(headers['host']);
  if (host) out.push(`http://${host}`, `https://${host}`);
  return out;
}

/** Options of checkOrigin. */
export interface CheckOriginOptions {
  /** Request headers (origin, sec-fetch-site, host). */
  headers: Headers;
  /** This hub's origins, from ownOrigins. */
  expected: readonly string[];
  /**
   * What a request without Origin gets. `'fetch-site'` (HTTP writes): only a browser-stamped
   * `Sec-Fetch-Site: same-origin` lets it through, since some browsers omit Origin on same-origin
   * POSTs. `'allow'` (WebSocket upgrades): browsers always send Origin on a WebSocket handshake,
   * so its absence means a non-browser client (y-websocket in Node, scripts), which holds its
   * cookie itself and cannot be a page abusing someone else's session.
   */
  whenAbsent: 'fetch-site' | 'allow';
}

/** French message of a cross-site refusal (HTTP 403, WebSocket 4403). */
export const crossSiteMessage = 'Requête refusée : elle ne vient pas de ce site. Rechargez la page et réessayez.';

/** Throws Forbidden unless the request comes from this hub's own pages (see CheckOriginOptions). */
export function checkOrigin({ headers, expected, whenAbsent }: CheckOriginOptions): void {
  const fetchSite = first(headers['sec-fetch-site']);
  const origin = first(headers['origin']);
  if (origin === undefined) {
    if (whenAbsent === 'allow' && (fetchSite === undefined || fetchSite === 'same-origin')) return;
    if (fetchSite !== 'same-origin') throw new Forbidden(crossSiteMessage);
    return;
  }
  // The browser's own verdict first: it knows the page's origin even behind a rewriting proxy.
  if (fetchSite !== undefined && fetchSite !== 'same-origin') throw new Forbidden(crossSiteMessage);
  if (!expected.includes(origin)) throw new Forbidden(crossSiteMessage);
}
