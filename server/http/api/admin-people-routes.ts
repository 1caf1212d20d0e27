/**
 * The admin's directory for an organisation: people searched and paged, pending invitations
 * listed and revoked, and the audit log. Role changes and deactivation stay in people-routes.ts.
 */
import { z } from 'zod';
import { parseInput } from '../../auth/parse-input.ts';
import type { Route, RouteContext } from '../router.ts';
import { adminOf, adminReturn, pageQuery } from './admin-respond.ts';
import { done, formAware } from './auth-respond.ts';

/** POST /api/admin/invitations/:id/revoke: nothing but the form's return path. */
const RevokeBodySchema = z.object({
  /** Admin page to come back to. */
  retour: z.string().max(2000).optional(),
});

/** GET /api/admin/people?q=&page= — one page of people (50), with their groups. */
async function findPeopleRoute(ctx: RouteContext) {
  adminOf(ctx);
  const { q, page } = pageQuery(ctx);
  return ctx.reader.administration().people({ q, page });
}

/** GET /api/admin/invitations — pending invitations, newest first. */
async function listInvitationsRoute(ctx: RouteContext) {
  adminOf(ctx);
  return { invitations: await ctx.reader.administration().invitations() };
}

/** POST /api/admin/invitations/:id/revoke — the link stops working at once; audited. */
async function revokeInvitationRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  parseInput(RevokeBodySchema, ctx.body ?? {});
  const revoked = await ctx.hub.accounts.revokeInvitation({ id: ctx.params['id'] ?? '', by });
  const who = revoked.email === undefined ? 'sans adresse' : `pour ${revoked.email}`;
  return done(ctx, { location: adminReturn(ctx), ok: `Invitation ${who} révoquée : son lien ne fonctionne plus.`, data: { revoked } });
}

/** GET /api/admin/audit?page= — who changed a role, a group or a right, newest first. */
async function auditRoute(ctx: RouteContext) {
  adminOf(ctx);
  return ctx.reader.administration().audit({ page: pageQuery(ctx).page });
}

/** The directory routes (admins only). */
export const adminPeopleRoutes: Route[] = [
  { method: 'GET', path: '/api/admin/people', handler: findPeopleRoute },
  { method: 'GET', path: '/api/admin/invitations', handler: listInvitationsRoute },
  { method: 'POST', path: '/api/admin/invitations/:id/revoke', handler: formAware(revokeInvitationRoute, (ctx) => adminReturn(ctx)) },
  { method: 'GET', path: '/api/admin/audit', handler: auditRoute },
];
