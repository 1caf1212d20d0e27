/** The HTTP request handler: security headers, static assets, search bundles, the API, then the site. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { toHttpError, PageNotFound } from '../errors.ts';
import type { Viewer } from '../access/viewer.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Hub } from '../hub/create-hub.ts';
import { createRouter, type Route } from './router.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { serveFile } from './static-files.ts';
import { sendError, sendResult } from './respond.ts';
import { guardWrite, originsOf } from './guard-write.ts';
import { serveAttachment } from './api/attachments-routes.ts';
import { isCalendarPath, serveCalendar } from './api/calendar-routes.ts';
import { isSecure } from './api/auth-respond.ts';
import { serializeSessionCookie } from '../auth/cookies.ts';
import { createVisitorPageCache } from './page-cache-http.ts';

/** Astro's node-adapter handler in middleware mode. */
export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void, locals: object) => Promise<void>;

/** Options of createRequestHandler. */
export interface RequestHandlerOptions {
  /** The running hub. */
  hub: Hub;
  /** Astro's handler (from dist/server/entry.mjs). */
  astro: AstroHandler;
  /** Folder of built browser assets (dist/client). */
  clientDir: string;
  /** API routes. */
  routes: readonly Route[];
  /** Finds who is asking. */
  resolveViewer: (req: IncomingMessage) => Promise<Viewer>;
}

/** Builds the `(req, res)` handler of the hub's HTTP server. */
export function createRequestHandler({ hub, astro, clientDir, routes, resolveViewer }: RequestHandlerOptions) {
  const router = createRouter(routes);
  const loginMethods = { passwords: hub.config.localLogin !== false, sso: hub.sso?.settings.label };
  const root = path.resolve(clientDir);
  // Visitors' pages served whole from memory: Astro's render costs about half a millisecond of CPU each.
  const pageCache = createVisitorPageCache({ hub });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';
    // First: a kept page is sent with its whole stored head (security headers included), nothing set before it.
    const cached = isRead ? await pageCache.open(req, res, url) : undefined;
    if (cached?.served) return;
    setSecurityHeaders(res);
    if (isRead && url.pathname.startsWith('/_astro/')) {
      if (await serveFile(req, res, { root, rel: safePath(url.pathname), cache: 'public, max-age=31536000, immutable' })) return;
    }
    if (!isRead) pageCache.afterWrite(res);
    const viewer = await resolveViewer(req);
    const reader = hub.forViewer(viewer);
    if (url.pathname.startsWith('/api/')) {
      const found = router.match(method, url.pathname);
      if (!found) {
        const status = router.hasPath(url.pathname) ? 405 : 404;
        return sendError(res, { status, code: status === 405 ? 'MethodNotAllowed' : 'NotFound', message: status === 405 ? 'Méthode non permise.' : 'Adresse d’API inconnue.' });
      }
      const body = await guardWrite({ req, route: found.route, viewer, expectedOrigin: originsOf(req, hub) });
      const result = await found.route.handler({ req, res, url, params: found.params, hub, viewer, reader, body });
      return sendResult(req, res, result);
    }
    if (isRead && url.pathname.startsWith('/pagefind/')) return serveSearch(req, res, url, reader);
    // Before the static branch: attachment URLs end in an extension too.
    if (isRead && url.pathname.startsWith('/fichiers/')) {
      return sendResult(req, res, await serveAttachment({ req, res, url, params: {}, hub, viewer, reader, body: undefined }));
    }
    if (isRead && isCalendarPath(url.pathname)) {
      return sendResult(req, res, await serveCalendar({ req, res, url, params: {}, hub, viewer, reader, body: undefined }));
    }
    if (isRead && /\.[a-z0-9]{2,5}$/i.test(url.pathname) && !url.pathname.startsWith('/wiki/')) {
      if (await serveFile(req, res, { root, rel: safePath(url.pathname), cache: 'public, max-age=3600' })) return;
    }
    res.setHeader('Cache-Control', 'private, no-cache');
    // The server slides a session forward on use; the browser's cookie must follow, or an active
    // person would be logged out 30 days after logging in.
    if (viewer.sessionId && viewer.sessionExpiresAt && isRead) {
      res.appendHeader('Set-Cookie', serializeSessionCookie({ value: viewer.sessionId, expiresAt: viewer.sessionExpiresAt, secure: isSecure({ req, hub }) }));
    }
    cached?.record(viewer);
    await astro(req, res, (err) => {
      if (res.headersSent) return;
      if (err) return sendError(res, toHttpError(err));
      void showNotFound(req, res, { reader, viewer });
    }, { reader, viewer, loginMethods } satisfies App.Locals);
  }

  /** Astro's French 404 page (with the address asked, for its suggestions); JSON only if it fails. */
  async function showNotFound(req: IncomingMessage, res: ServerResponse, locals: App.Locals): Promise<void> {
    const asked = new URL(req.url ?? '/', 'http://localhost').pathname;
    req.url = `/404?${new URLSearchParams({ adresse: asked }).toString()}`;
    res.setHeader('Cache-Control', 'private, no-cache');
    await astro(req, res, (err) => {
      if (!res.headersSent) sendError(res, err ? toHttpError(err) : { status: 404, code: 'NotFound', message: 'Page introuvable.' });
    }, locals);
  }

  async function serveSearch(req: IncomingMessage, res: ServerResponse, url: URL, reader: WikiReader): Promise<void> {
    const [, , audience, ...rest] = url.pathname.split('/');
    // A visitor asking for the team bundle is answered as if it did not exist.
    const dir = reader.mayLoadBundle(audience ?? '') ? hub.search.dirFor(audience ?? '') : undefined;
    if (!dir) throw new PageNotFound('Fichier introuvable.');
    // Bundles never change once written (a new version gets a new folder); the manifest does.
    const immutable = /^(base|delta)-/.test(rest[0] ?? '');
    const cache = immutable ? 'private, max-age=31536000, immutable' : 'private, no-cache';
    const ok = await serveFile(req, res, { root: dir, rel: safePath('/' + rest.join('/')), cache });
    if (!ok) throw new PageNotFound('Fichier introuvable.');
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    // Background work waits while any request is in flight.
    hub.idleWork.track(res);
    handle(req, res).catch(async (error: unknown) => {
      const e = toHttpError(error);
      if (e.status >= 500) console.error(`[http] ${req.method} ${req.url}:`, error);
      // Outside the API a person is reading: a missing file or page gets the site's 404 page.
      const api = new URL(req.url ?? '/', 'http://localhost').pathname.startsWith('/api/');
      if (e.status === 404 && !api && !res.headersSent) {
        const viewer = await resolveViewer(req).catch(() => undefined);
        if (viewer) return showNotFound(req, res, { reader: hub.forViewer(viewer), viewer }).catch(() => res.destroy());
      }
      // RFC 6750: a refused access token says so, so a client knows to get a new one.
      if (e.code === 'InvalidApiToken' && !res.headersSent) res.setHeader('WWW-Authenticate', 'Bearer realm="Gare centrale", error="invalid_token"');
      // The rest of a refused oversized body is not read: the connection cannot be reused.
      if (e.status === 413 && !res.headersSent) res.setHeader('Connection', 'close');
      if (!res.headersSent) sendError(res, e);
      else res.destroy();
    });
  };
}

function safePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return '/';
  }
}
