/** Page history: versions, one old version, a side-by-side diff, and restoring a version. */
import { formPost, textField } from './form-posts.ts';
import { requireDirectChange } from '../../review/review-hook.ts';
import { restoreVersion } from '../../editing/restore-version.ts';
import type { EditingService } from '../../editing/editing-service.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { DiffQuery, PathQuery, queryOf, RestorePageInput, VersionQuery } from './editing-schemas.ts';
import type { DepsOf } from './pages-write.ts';

/** GET /api/pages/history?path= */
async function history(ctx: RouteContext): Promise<unknown> {
  const { path } = parseInput(PathQuery, queryOf(ctx.url));
  return ctx.reader.versions(path);
}

/** GET /api/pages/version?path=&oid= */
async function version(ctx: RouteContext): Promise<unknown> {
  const { path, oid } = parseInput(VersionQuery, queryOf(ctx.url));
  return ctx.reader.version(path, oid);
}

/** GET /api/pages/diff?path=&from=&to=&context= */
async function diff(ctx: RouteContext): Promise<unknown> {
  const q = parseInput(DiffQuery, queryOf(ctx.url));
  return ctx.reader.diff(q.path, q.from, q.to, q.context);
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
    { method: 'GET', path: '/api/pages/history', handler: history },
    { method: 'GET', path: '/api/pages/version', handler: version },
    { method: 'GET', path: '/api/pages/diff', handler: diff },
    { method: 'POST', path: '/api/pages/restore', handler: formPost(bind(restore), { to: (r) => textField(r, 'url', '/'), ok: 'Version restaurée.' }) },
  ];
}
