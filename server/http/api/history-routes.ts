/** Page history: versions, one old version, a side-by-side diff, and restoring a version. */
import { formPost } from './form-posts.ts';
import { requireDirectChange } from '../../review/review-hook.ts';
import { diffVersions, listVersions, readVersion } from '../../editing/page-versions.ts';
import { restoreVersion } from '../../editing/restore-version.ts';
import type { EditingService } from '../../editing/editing-service.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { DiffQuery, PathQuery, queryOf, RestorePageInput, VersionQuery } from './editing-schemas.ts';
import type { DepsOf } from './pages-write.ts';

/** GET /api/pages/history?path= */
async function history(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const { path } = parseInput(PathQuery, queryOf(ctx.url));
  return listVersions({ deps, viewer: ctx.viewer, path });
}

/** GET /api/pages/version?path=&oid= */
async function version(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const { path, oid } = parseInput(VersionQuery, queryOf(ctx.url));
  return readVersion({ deps, viewer: ctx.viewer, path, oid });
}

/** GET /api/pages/diff?path=&from=&to=&context= */
async function diff(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const q = parseInput(DiffQuery, queryOf(ctx.url));
  return diffVersions({ deps, viewer: ctx.viewer, path: q.path, from: q.from, to: q.to, context: q.context });
}

/** POST /api/pages/restore {path, oid} */
async function restore(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const { path, oid } = parseInput(RestorePageInput, ctx.body);
  // A restore is a change like any other: in a reviewed section it is not a contributor's to make.
  await requireDirectChange({ deps, viewer: ctx.viewer, paths: [path] });
  return restoreVersion({ deps, viewer: ctx.viewer, path, oid });
}

/** The history routes (register them before `/api/pages/:slug+`). */
export function historyRoutes(depsOf: DepsOf): Route[] {
  const bind = (fn: (ctx: RouteContext, deps: EditingService) => Promise<unknown>) => (ctx: RouteContext) => fn(ctx, depsOf(ctx.hub));
  return [
    { method: 'GET', path: '/api/pages/history', handler: bind(history) },
    { method: 'GET', path: '/api/pages/version', handler: bind(version) },
    { method: 'GET', path: '/api/pages/diff', handler: bind(diff) },
    { method: 'POST', path: '/api/pages/restore', handler: formPost(bind(restore), { to: (r) => String(r['url'] ?? '/'), ok: 'Version restaurée.' }) },
  ];
}
