/**
 * The admin's people management: list, invitations, roles, deactivation, reset links and forced
 * logout. The policy is checked here (visitor → 401, non-admin → 403) and again by the store.
 */
import { can, requireAllowed } from '../../access/policy.ts';
import { PersonNotFound } from '../../auth/auth-errors.ts';
import { parseInput } from '../../auth/parse-input.ts';
import { roleLabels } from '../../access/viewer.ts';
import type { Route, RouteContext } from '../router.ts';
import { adminReturn } from './admin-respond.ts';
import { serializeLinkCookie } from './auth-link-cookie.ts';
import { appendCookie, done, formAware, isSecure, publicBase } from './auth-respond.ts';
import { InviteBodySchema, RoleBodySchema } from './auth-schemas.ts';

/** The id of the admin making the request; throws Unauthenticated / Forbidden otherwise. */
function adminId(ctx: RouteContext): string {
  requireAllowed(ctx.viewer, can(ctx.viewer, 'people.manage'));
  return ctx.viewer.person?.id ?? '';
}

function target(ctx: RouteContext): string {
  return ctx.params['id'] ?? '';
}

/** Hands a one-time link to the admin: JSON for fetch clients, a short-lived /admin cookie for the form. */
function handOver(ctx: RouteContext, { url, expiresAt, ok }: { url: string; expiresAt: number; ok: string }) {
  appendCookie(ctx, serializeLinkCookie({ url, secure: isSecure(ctx) }));
  return done(ctx, { location: adminReturn(ctx), ok, data: { url, expiresAt } });
}

function until(expiresAt: number): string {
  return new Date(expiresAt).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
}

/** GET /api/people — everyone with an account. */
async function listPeopleRoute(ctx: RouteContext) {
  adminId(ctx);
  return { people: await ctx.reader.people() };
}

/** POST /api/invitations — a one-time link that creates an account with the chosen role. */
async function inviteRoute(ctx: RouteContext) {
  const by = adminId(ctx);
  const { role, email } = parseInput(InviteBodySchema, ctx.body);
  const link = await ctx.hub.accounts.createInvitation({ role, invitedBy: by, ...(email === undefined ? {} : { email }) });
  const url = `${publicBase(ctx)}/invitation?jeton=${encodeURIComponent(link.token)}`;
  const who = email === undefined ? 'la personne à qui vous l’enverrez' : email;
  const ok = `Invitation créée (rôle ${roleLabels[role]}) pour ${who}, valable jusqu’au ${until(link.expiresAt)}. Copiez le lien maintenant et envoyez-le : il ne sera plus affiché.`;
  return handOver(ctx, { url, expiresAt: link.expiresAt, ok });
}

/** POST /api/people/:id/role — changes a role (the last active admin cannot be demoted). */
async function setRoleRoute(ctx: RouteContext) {
  const by = adminId(ctx);
  const { role } = parseInput(RoleBodySchema, ctx.body);
  const person = await ctx.hub.accounts.setRole({ userId: target(ctx), role, by });
  return done(ctx, { location: adminReturn(ctx), ok: `${person.name} a maintenant le rôle ${roleLabels[person.role]}.`, data: { person } });
}

/** POST /api/people/:id/deactivate — access removed at once (sessions ended), commits stay credited. */
async function deactivateRoute(ctx: RouteContext) {
  const by = adminId(ctx);
  const person = await ctx.hub.accounts.deactivate({ userId: target(ctx), by });
  return done(ctx, { location: adminReturn(ctx), ok: `Le compte de ${person.name} est désactivé : ses sessions sont fermées.`, data: { person } });
}

/** POST /api/people/:id/reactivate — access given back, with the old password. */
async function reactivateRoute(ctx: RouteContext) {
  const by = adminId(ctx);
  const person = await ctx.hub.accounts.reactivate({ userId: target(ctx), by });
  return done(ctx, { location: adminReturn(ctx), ok: `Le compte de ${person.name} est réactivé : son ancien mot de passe fonctionne de nouveau.`, data: { person } });
}

/** POST /api/people/:id/reset-link — a one-time link to choose a new password. */
async function resetLinkRoute(ctx: RouteContext) {
  const by = adminId(ctx);
  const link = await ctx.hub.accounts.createPasswordReset({ userId: target(ctx), by });
  const person = (await ctx.hub.accounts.listPeople()).find((p) => p.id === target(ctx));
  const url = `${publicBase(ctx)}/reinitialiser?jeton=${encodeURIComponent(link.token)}`;
  const ok = `Lien de réinitialisation créé pour ${person?.name ?? 'cette personne'}, valable jusqu’au ${until(link.expiresAt)}. Copiez-le maintenant et transmettez-le lui : il ne sera plus affiché.`;
  return handOver(ctx, { url, expiresAt: link.expiresAt, ok });
}

/** POST /api/people/:id/logout-everywhere — ends every session of someone (a lost phone, a shared computer). */
async function logoutPersonRoute(ctx: RouteContext) {
  adminId(ctx);
  const id = target(ctx);
  const person = (await ctx.hub.accounts.listPeople()).find((p) => p.id === id);
  if (person === undefined) throw new PersonNotFound('Compte introuvable : il a peut-être été supprimé. Rechargez la liste des personnes.');
  const ended = await ctx.hub.accounts.deleteAllSessions(id);
  const ok = `${person.name} est déconnecté·e partout (${ended} session${ended > 1 ? 's' : ''} fermée${ended > 1 ? 's' : ''}).`;
  return done(ctx, { location: adminReturn(ctx), ok, data: { ended } });
}

const backToAdmin = (ctx: RouteContext) => adminReturn(ctx);

/** The people management routes (admins only). */
export const peopleRoutes: Route[] = [
  { method: 'GET', path: '/api/people', handler: listPeopleRoute },
  { method: 'POST', path: '/api/invitations', handler: formAware(inviteRoute, backToAdmin) },
  { method: 'POST', path: '/api/people/:id/role', handler: formAware(setRoleRoute, backToAdmin) },
  { method: 'POST', path: '/api/people/:id/deactivate', handler: formAware(deactivateRoute, backToAdmin) },
  { method: 'POST', path: '/api/people/:id/reactivate', handler: formAware(reactivateRoute, backToAdmin) },
  { method: 'POST', path: '/api/people/:id/reset-link', handler: formAware(resetLinkRoute, backToAdmin) },
  { method: 'POST', path: '/api/people/:id/logout-everywhere', handler: formAware(logoutPersonRoute, backToAdmin) },
];
