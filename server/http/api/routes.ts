/** The API route table: one line per route, handlers in their own modules. */
import type { Route } from '../router.ts';
import { adminAccessRoutes } from './admin-access-routes.ts';
import { adminGroupsRoutes } from './admin-groups-routes.ts';
import { adminPeopleRoutes } from './admin-people-routes.ts';
import { adminWebhooksRoutes } from './admin-webhooks-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { createEditingRoutes } from './editing-routes.ts';
import { createCommentRoutes } from './comments-routes.ts';
import { createExportRoutes } from './export-routes.ts';
import { importRoutes } from './import-routes.ts';
import { mentionsRoutes } from './mentions-routes.ts';
import { mailSettingsRoutes } from './mail-settings-routes.ts';
import { notificationsRoutes } from './notifications-routes.ts';
import { getPageRoute, listPagesRoute } from './pages-read.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { createPadRoutes } from './pads-routes.ts';
import { registerRoutes } from './register-routes.ts';
import { createReviewRoutes } from './review-routes.ts';
import { searchRoutes } from './search-routes.ts';
import { settingsRoutes } from './settings-routes.ts';
import { createTagRoutes } from './tags-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { createOpenApiRoutes } from './openapi.ts';

/** Every API route of the hub. */
export function createApiRoutes(): Route[] {
  return [
    { method: 'GET', path: '/api/health', handler: async ({ reader }) => ({ ok: true, pages: reader.pages().length > 0 }) },
    { method: 'GET', path: '/api/pages', handler: listPagesRoute },
    // Before `/api/pages/:slug+`, which would otherwise answer `/api/pages/history`.
    ...createEditingRoutes(),
    { method: 'GET', path: '/api/pages/:slug+', handler: getPageRoute },
    ...authRoutes,
    ...adminPeopleRoutes,
    ...adminGroupsRoutes,
    ...adminAccessRoutes,
    ...adminWebhooksRoutes,
    ...settingsRoutes,
    ...oidcRoutes,
    ...createPadRoutes(),
    ...registerRoutes,
    ...createReviewRoutes(),
    ...searchRoutes,
    ...createTagRoutes(),
    ...importRoutes,
    ...calendarRoutes,
    ...notificationsRoutes,
    ...mentionsRoutes,
    ...mailSettingsRoutes,
    ...createExportRoutes(),
    ...createCommentRoutes(),
    ...tokenRoutes,
    ...createOpenApiRoutes(),
  ];
}
