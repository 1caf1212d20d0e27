/** Recent changes: the Atom feed and the JSON list behind « Dernières modifications ». */
import type { EditingService } from '../../editing/editing-service.ts';
import { buildAtomFeed } from '../../reading/atom-feed.ts';

import { tagKey } from '../../wiki/paths.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { ChangesQuery, queryOf } from './editing-schemas.ts';
import type { DepsOf } from './pages-write.ts';

function baseOf(ctx: RouteContext): string {
  const configured = ctx.hub.config.publicUrl;
  return configured ? new URL(configured).origin : `http://${ctx.req.headers.host ?? 'localhost'}`;
}

/** A tag as written on a page the viewer may read (never a hidden page's wording). */
function tagLabel(ctx: RouteContext, key: string): string {
  return ctx.reader.tags().find((t) => t.key === key)?.label ?? key;
}

/** GET /api/changes?limit=&author=&type=&tag=&since= */
async function changes(ctx: RouteContext, _deps: EditingService): Promise<unknown> {
  const q = parseInput(ChangesQuery, queryOf(ctx.url));
  return { changes: ctx.reader.changes(q) };
}

/** GET /api/feed.xml?tag= — Atom. */
async function feed(ctx: RouteContext, deps: EditingService): Promise<Response> {
  const q = parseInput(ChangesQuery, queryOf(ctx.url));
  const base = baseOf(ctx);
  const key = q.tag ? tagKey(q.tag) : undefined;
  const title = key ? `Gare centrale — Dernières modifications : ${tagLabel(ctx, key)}` : 'Gare centrale — Dernières modifications';
  const self = `${base}/api/feed.xml${key ? `?tag=${encodeURIComponent(key)}` : ''}`;
  const xml = buildAtomFeed({ changes: ctx.reader.changes(q), base, title, self, now: deps.now() });
  return new Response(xml, { status: 200, headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'private, no-cache' } });
}

/** The recent-changes routes. */
export function feedRoutes(depsOf: DepsOf): Route[] {
  const bind = (fn: (ctx: RouteContext, deps: EditingService) => Promise<unknown>) => (ctx: RouteContext) => fn(ctx, depsOf(ctx.hub));
  return [
    { method: 'GET', path: '/api/changes', handler: bind(changes) },
    { method: 'GET', path: '/api/feed.xml', handler: bind(feed) },
  ];
}
