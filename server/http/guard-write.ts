/** Every state-changing API request: body read within limits, origin and CSRF token checked. */
import type { IncomingMessage } from 'node:http';
import { checkCsrf } from '../auth/csrf.ts';
import type { Viewer } from '../access/viewer.ts';
import type { Hub } from '../hub/create-hub.ts';
import { Forbidden, InvalidInput } from '../errors.ts';
import { readBody } from './body.ts';
import { checkOrigin, ownOrigins } from './origin.ts';
import type { Route } from './router.ts';

const reads: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Origins a browser may send for this hub: the configured public URL and the Host it reached. */
export function originsOf(req: IncomingMessage, hub: Hub): string[] {
  return ownOrigins({ headers: req.headers, publicUrl: hub.config.publicUrl });
}

// A token acts on the wiki, never on the account's own keys: a leaked token must not outlive its
// revocation by minting another token or a calendar link, nor end its owner's sessions.
const sessionOnly = /^\/api\/(?:account|compte)\/|^\/api\/logout/;
const sessionOnlyMessage = 'Votre compte se gère connecté·e, sur votre page « Mon compte » (/compte) : un jeton d’accès ne le peut pas.';

/** French refusal of a write made with a read-only access token. */
export const readOnlyTokenMessage = 'Ce jeton d’accès est en lecture seule : créez un jeton « lecture et écriture » sur votre page « Mon compte » (/compte) pour modifier.';

/**
 * Reads and parses the body (JSON or form), then checks origin and token; returns the body.
 * A request made with a personal access token is not a browser's: it skips the Origin and CSRF
 * checks (a browser never adds an Authorization header by itself, and a cross-site page cannot
 * make it send one without a CORS preflight we never grant), and a `read` token writes nothing.
 */
export async function guardWrite({ req, route, viewer, expectedOrigin }: { req: IncomingMessage; route: Route; viewer: Viewer; expectedOrigin: string[] }): Promise<unknown> {
  const method = req.method ?? 'GET';
  if (viewer.apiToken && sessionOnly.test(route.path)) throw new Forbidden(sessionOnlyMessage);
  if (reads.has(method)) return undefined;
  // Before reading the body: a refused write costs no upload.
  if (viewer.apiToken && viewer.apiToken.scope !== 'write') throw new Forbidden(readOnlyTokenMessage);
  const body = route.rawBody ? undefined : await parseBody(req);
  if (viewer.apiToken || route.csrf === 'none') return body;
  const formToken = body && typeof body === 'object' && '_csrf' in body ? String((body as Record<string, unknown>)['_csrf']) : undefined;
  // The same origin rule as the pad upgrade (server/http/origin.ts), stricter only without Origin.
  checkOrigin({ headers: req.headers, expected: expectedOrigin, whenAbsent: 'fetch-site' });
  if (route.csrf !== 'origin') checkCsrf({ method, headers: req.headers, formToken, sessionCsrf: viewer.csrf, expectedOrigin });
  return body;
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  if (!raw) return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new InvalidInput('Le corps de la requête n’est pas du JSON valide.');
  }
}
