/**
 * Groups from the admin pages: create, rename, delete (confirmed), members added and removed.
 * The store checks the admin again and writes the audit log in the same transaction.
 */
import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { parseInput } from '../../auth/parse-input.ts';
import type { Route, RouteContext } from '../router.ts';
import { adminOf, adminReturn, pageQuery } from './admin-respond.ts';
import { done, formAware } from './auth-respond.ts';

const retour = z.string().max(2000).optional();
const groupName = z.string({ error: 'Indiquez le nom du groupe.' }).max(200, { error: 'Nom de groupe trop long : 80 caractères au plus.' });

/** POST /api/admin/groups and /api/admin/groups/:id/rename. */
const GroupNameBodySchema = z.object({
  /** The group's (new) name. */
  name: groupName,
  /** Admin page to come back to. */
  retour,
});

/** POST /api/admin/groups/:id/delete: the form's explicit confirmation. */
const DeleteBodySchema = z.object({
  /** `oui`, ticked or sent by the confirmation form. */
  confirmer: z.string().max(10).optional(),
  /** Admin page to come back to. */
  retour,
});

/** POST /api/admin/groups/:id/members. */
const AddMemberBodySchema = z.object({
  /** Account to add. */
  userId: z.string({ error: 'Choisissez la personne à ajouter.' }).min(1, { error: 'Choisissez la personne à ajouter.' }).max(100),
  /** Admin page to come back to. */
  retour,
});

/** POST /api/admin/groups/:id/members/:userId/remove. */
const RemoveMemberBodySchema = z.object({
  /** Admin page to come back to. */
  retour,
});

const groupPage = (id: string) => `/admin/groupes/${encodeURIComponent(id)}`;
const groupId = (ctx: RouteContext) => ctx.params['id'] ?? '';

/** GET /api/admin/groups — every group and its number of members. */
async function listGroupsRoute(ctx: RouteContext) {
  adminOf(ctx);
  return { groups: await ctx.reader.administration().groups() };
}

/** GET /api/admin/groups/:id/members?page= — one page of members. */
async function listMembersRoute(ctx: RouteContext) {
  adminOf(ctx);
  return ctx.reader.administration().members({ groupId: groupId(ctx), page: pageQuery(ctx).page });
}

/** POST /api/admin/groups — a new group; the form goes on to its page to add members. */
async function createGroupRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const { name } = parseInput(GroupNameBodySchema, ctx.body ?? {});
  const group = await ctx.hub.accounts.createGroup({ name, by });
  return done(ctx, { location: groupPage(group.id), ok: `Groupe « ${group.name} » créé. Ajoutez-y des personnes ci-dessous.`, data: { group } });
}

/** POST /api/admin/groups/:id/rename — pages and rights naming the old name stop matching it. */
async function renameGroupRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const { name } = parseInput(GroupNameBodySchema, ctx.body ?? {});
  const group = await ctx.hub.accounts.renameGroup({ groupId: groupId(ctx), name, by });
  const ok = `Groupe renommé en « ${group.name} ». Pensez à mettre à jour les droits et les pages qui citaient l’ancien nom.`;
  return done(ctx, { location: groupPage(group.id), ok, data: { group } });
}

/** POST /api/admin/groups/:id/delete — only with `confirmer=oui`; memberships go with the group. */
async function deleteGroupRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const { confirmer } = parseInput(DeleteBodySchema, ctx.body ?? {});
  if (confirmer !== 'oui') throw new InvalidInput('Suppression non confirmée : cochez la case de confirmation, puis recommencez. Rien n’a été supprimé.');
  const id = groupId(ctx);
  const name = (await ctx.hub.accounts.listGroups()).find((g) => g.id === id)?.name;
  await ctx.hub.accounts.deleteGroup({ groupId: id, by });
  return done(ctx, { location: '/admin/groupes', ok: `Groupe « ${name ?? id} » supprimé. Les pages qui lui étaient réservées ne sont plus lisibles que par les administrateur·ices.`, data: { deleted: id } });
}

/** POST /api/admin/groups/:id/members — adds a person (found by the search of the group's page). */
async function addMemberRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const { userId } = parseInput(AddMemberBodySchema, ctx.body ?? {});
  await ctx.hub.accounts.addMember({ groupId: groupId(ctx), userId, by });
  return done(ctx, { location: adminReturn(ctx, groupPage(groupId(ctx))), ok: 'Personne ajoutée au groupe.', data: { added: userId } });
}

/** POST /api/admin/groups/:id/members/:userId/remove — whoever put them there (admin or SSO). */
async function removeMemberRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  parseInput(RemoveMemberBodySchema, ctx.body ?? {});
  const userId = ctx.params['userId'] ?? '';
  await ctx.hub.accounts.removeMember({ groupId: groupId(ctx), userId, by });
  return done(ctx, { location: adminReturn(ctx, groupPage(groupId(ctx))), ok: 'Personne retirée du groupe.', data: { removed: userId } });
}

const back = (ctx: RouteContext) => adminReturn(ctx, ctx.params['id'] ? groupPage(groupId(ctx)) : '/admin/groupes');

/** The group routes (admins only). */
export const adminGroupsRoutes: Route[] = [
  { method: 'GET', path: '/api/admin/groups', handler: listGroupsRoute },
  { method: 'POST', path: '/api/admin/groups', handler: formAware(createGroupRoute, back) },
  { method: 'GET', path: '/api/admin/groups/:id/members', handler: listMembersRoute },
  { method: 'POST', path: '/api/admin/groups/:id/rename', handler: formAware(renameGroupRoute, back) },
  { method: 'POST', path: '/api/admin/groups/:id/delete', handler: formAware(deleteGroupRoute, back) },
  { method: 'POST', path: '/api/admin/groups/:id/members', handler: formAware(addMemberRoute, back) },
  { method: 'POST', path: '/api/admin/groups/:id/members/:userId/remove', handler: formAware(removeMemberRoute, back) },
];
