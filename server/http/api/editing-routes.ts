/** Every route of the web editing backend; writes go through the hub's one editing service. */
import type { Route } from '../router.ts';
import { attachmentRoutes } from './attachments-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import { historyRoutes } from './history-routes.ts';
import { pagesWriteRoutes, type DepsOf } from './pages-write.ts';

/** The editing routes; register them before `GET /api/pages/:slug+`, which would shadow `/api/pages/history`. */
export function createEditingRoutes(): Route[] {
  const depsOf: DepsOf = (hub) => hub.editing;
  return [...pagesWriteRoutes(depsOf), ...historyRoutes(depsOf), ...attachmentRoutes(depsOf), ...feedRoutes(depsOf)];
}
