/** Every route of the web editing backend, sharing one edit lock per hub. */
import { createEditingDeps, type EditingDeps } from '../../editing/editing-deps.ts';
import type { Hub } from '../../hub.ts';
import type { Route } from '../router.ts';
import { attachmentRoutes } from './attachments-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import { historyRoutes } from './history-routes.ts';
import { pagesWriteRoutes } from './pages-write.ts';

/** The editing routes; register them before `GET /api/pages/:slug+`, which would shadow `/api/pages/history`. */
export function createEditingRoutes(): Route[] {
  const byHub = new WeakMap<Hub, EditingDeps>();
  const depsOf = (hub: Hub): EditingDeps => {
    let deps = byHub.get(hub);
    if (!deps) byHub.set(hub, (deps = createEditingDeps(hub)));
    return deps;
  };
  return [...pagesWriteRoutes(depsOf), ...historyRoutes(depsOf), ...attachmentRoutes(depsOf), ...feedRoutes(depsOf)];
}
