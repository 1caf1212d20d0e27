/** A small router: routes are data (method, URL pattern, handler), matched in order. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from '../hub/create-hub.ts';
import type { Viewer } from '../access/viewer.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';

/** What a route handler receives. */
export interface RouteContext {
  /** The Node request (body not read yet). */
  req: IncomingMessage;
  /** The Node response; handlers usually return a value instead of writing to it. */
  res: ServerResponse;
  /** Parsed request URL. */
  url: URL;
  /** Named pattern groups (`:slug+` …), decoded. */
  params: Record<string, string>;
  /** The running hub. */
  hub: Hub;
  /** Who is asking. */
  viewer: Viewer;
  /** What they may read: every read of a route goes through it. */
  reader: WikiReader;
  /** Parsed JSON or form body of a state-changing request (undefined for `rawBody` routes and reads). */
  body: unknown;
}

/** A route's answer: a JSON-able value, a web Response, or `undefined` when it wrote `res` itself. */
export type RouteResult = unknown;

/** One route. */
export interface Route {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Pathname pattern (`/api/pages/:slug+`). */
  path: string;
  /** The handler. */
  handler: (ctx: RouteContext) => Promise<RouteResult>;
  /**
   * Forgery check of a state-changing request: `session` (default) wants our origin and the
   * session's CSRF token; `origin` only our origin (login and invitation forms, before a session);
   * `none` neither, for a request authenticated by a secret in its address alone (the one-click
   * unsubscribe of e-mails, RFC 8058, posted by mail providers' servers without Origin or cookie).
   */
  csrf?: 'session' | 'origin' | 'none';
  /** The handler reads the body itself (uploads): it is not pre-read, the token must come as a header. */
  rawBody?: boolean;
}

/** A compiled route table. */
export interface Router {
  /** Finds the route for a method and pathname. */
  match(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined;
  /** True when some route has this pathname (for 405 answers). */
  hasPath(pathname: string): boolean;
}

/** Compiles routes once. */
export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map((route) => ({ route, pattern: new URLPattern({ pathname: route.path }) }));
  return {
    match(method, pathname) {
      const m = method === 'HEAD' ? 'GET' : method;
      for (const { route, pattern } of compiled) {
        if (route.method !== m) continue;
        const r = pattern.exec({ pathname });
        if (r) return { route, params: decodeGroups(r.pathname.groups) };
      }
      return undefined;
    },
    hasPath(pathname) {
      return compiled.some(({ pattern }) => pattern.test({ pathname }));
    },
  };
}

function decodeGroups(groups: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) {
    if (v === undefined) continue;
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}
