/**
 * Webhooks from the admin pages (admins only, `people.manage`): create (the secret shown once),
 * switch off and on, new secret, delete (confirmed), the delivery log, « renvoyer » a failed
 * delivery. The store checks the admin again and writes the audit log in the same transaction.
 */
import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { parseInput } from '../../auth/parse-input.ts';
import { serializeSecretCookie } from '../../webhooks/secret-cookie.ts';
import { webhookEvents } from '../../webhooks/webhook-schemas.ts';
import type { Route, RouteContext } from '../router.ts';
import { adminOf, adminReturn, pageQuery } from './admin-respond.ts';
import { appendCookie, done, formAware, isSecure } from './auth-respond.ts';
import { withQuery } from './auth-urls.ts';

const retour = z.string().max(2000).optional();
const ticked = z.string().max(10).optional();

/** POST /api/admin/webhooks: JSON sends `events`, a form one checkbox per event (`page.saved=oui`…). */
const CreateBodySchema = z.object({
  /** Where deliveries are posted (checked by the store's schema). */
  url: z.string({ error: 'Indiquez l’adresse qui recevra les notifications (https://…).' }).max(2100, { error: 'Adresse trop longue : 2 000 caractères au plus.' }),
  /** Events to send (JSON clients). */
  events: z.array(z.string().max(40)).max(8).optional(),
  /** Whose reading rights bound what is sent; the admin making the request when absent. */
  ownerId: z.string().max(100).optional(),
  /** Checkboxes of the form, one per event. */
  'page.saved': ticked,
  /** Idem. */
  'pad.published': ticked,
  /** Idem. */
  'comment.created': ticked,
  /** Idem. */
  'proposal.created': ticked,
  /** Admin page to come back to. */
  retour,
});

/** POST …/enable, …/disable, …/secret and …/deliveries/:deliveryId/redeliver. */
const ActionBodySchema = z.object({
  /** Admin page to come back to. */
  retour,
});

/** POST /api/admin/webhooks/:id/delete: the form's explicit confirmation. */
const DeleteBodySchema = z.object({
  /** `oui`, ticked or sent by the confirmation form. */
  confirmer: z.string().max(10).optional(),
  /** Admin page to come back to. */
  retour,
});

const webhooksPage = '/admin/webhooks';
const hookPage = (id: string) => `${webhooksPage}?webhook=${encodeURIComponent(id)}`;
const hookId = (ctx: RouteContext) => ctx.params['id'] ?? '';

/** GET /api/admin/webhooks — every webhook with its delivery counts (never a secret). */
async function listRoute(ctx: RouteContext) {
  adminOf(ctx);
  return { webhooks: await ctx.hub.webhooks.listWebhooks() };
}

/** POST /api/admin/webhooks — the JSON answer holds the secret; a form finds it once on the page. */
async function createRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const body = parseInput(CreateBodySchema, ctx.body ?? {});
  const events = body.events ?? webhookEvents.filter((e) => body[e] === 'oui');
  const { webhook, secret } = await ctx.hub.webhooks.createWebhook({ url: body.url, events, ownerId: body.ownerId || by, by });
  appendCookie(ctx, serializeSecretCookie({ id: webhook.id, secret, secure: isSecure(ctx) }));
  return done(ctx, { location: hookPage(webhook.id), ok: 'Webhook créé. Copiez son secret maintenant : il ne sera plus affiché.', data: { webhook, secret } });
}

/** POST /api/admin/webhooks/:id/enable and …/disable. */
function activeRoute(active: boolean) {
  return async (ctx: RouteContext) => {
    const by = adminOf(ctx);
    parseInput(ActionBodySchema, ctx.body ?? {});
    const webhook = await ctx.hub.webhooks.setActive({ webhookId: hookId(ctx), by, active });
    const ok = active ? 'Webhook réactivé : les envois en attente repartent.' : 'Webhook désactivé : plus rien ne lui sera envoyé jusqu’à sa réactivation.';
    return done(ctx, { location: adminReturn(ctx, hookPage(webhook.id)), ok, data: { webhook } });
  };
}

/** POST /api/admin/webhooks/:id/secret — a new secret, shown once; the old one stops verifying. */
async function secretRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  parseInput(ActionBodySchema, ctx.body ?? {});
  const secret = await ctx.hub.webhooks.newSecret({ webhookId: hookId(ctx), by });
  appendCookie(ctx, serializeSecretCookie({ id: hookId(ctx), secret, secure: isSecure(ctx) }));
  return done(ctx, { location: hookPage(hookId(ctx)), ok: 'Nouveau secret créé : copiez-le et mettez-le à jour dans le service qui reçoit.', data: { secret } });
}

/** POST /api/admin/webhooks/:id/delete — only with `confirmer=oui`; its log goes with it. */
async function deleteRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const { confirmer } = parseInput(DeleteBodySchema, ctx.body ?? {});
  if (confirmer !== 'oui') throw new InvalidInput('Suppression non confirmée : cochez la case de confirmation, puis recommencez. Rien n’a été supprimé.');
  const webhook = await ctx.hub.webhooks.deleteWebhook({ webhookId: hookId(ctx), by });
  return done(ctx, { location: webhooksPage, ok: `Webhook vers ${webhook.url} supprimé, avec son journal d’envois.`, data: { deleted: webhook.id } });
}

/** GET /api/admin/webhooks/:id/deliveries?page= — one page of the log, newest first. */
async function deliveriesRoute(ctx: RouteContext) {
  adminOf(ctx);
  await ctx.hub.webhooks.getWebhook(hookId(ctx));
  return ctx.hub.webhooks.listDeliveries({ webhookId: hookId(ctx), page: pageQuery(ctx).page });
}

/** POST /api/admin/webhooks/:id/deliveries/:deliveryId/redeliver — « Renvoyer » a failed delivery. */
async function redeliverRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  parseInput(ActionBodySchema, ctx.body ?? {});
  const deliveryId = Number(ctx.params['deliveryId']);
  if (!Number.isSafeInteger(deliveryId)) throw new InvalidInput('Envoi introuvable : rechargez la page.');
  const delivery = await ctx.hub.webhooks.redeliver({ webhookId: hookId(ctx), deliveryId, by });
  return done(ctx, { location: adminReturn(ctx, hookPage(hookId(ctx))), ok: 'Envoi remis en file : il part tout de suite.', data: { delivery } });
}

/** Where a refused form goes back to; a refused creation keeps the address typed. */
function back(ctx: RouteContext): string {
  if (ctx.params['id']) return adminReturn(ctx, hookPage(hookId(ctx)));
  const url = (ctx.body as Record<string, unknown> | undefined)?.['url'];
  return withQuery(webhooksPage, { url: typeof url === 'string' ? url.slice(0, 2000) : undefined });
}

/** The webhook routes (admins only). */
export const adminWebhooksRoutes: Route[] = [
  { method: 'GET', path: '/api/admin/webhooks', handler: listRoute },
  { method: 'POST', path: '/api/admin/webhooks', handler: formAware(createRoute, back) },
  { method: 'POST', path: '/api/admin/webhooks/:id/enable', handler: formAware(activeRoute(true), back) },
  { method: 'POST', path: '/api/admin/webhooks/:id/disable', handler: formAware(activeRoute(false), back) },
  { method: 'POST', path: '/api/admin/webhooks/:id/secret', handler: formAware(secretRoute, back) },
  { method: 'POST', path: '/api/admin/webhooks/:id/delete', handler: formAware(deleteRoute, back) },
  { method: 'GET', path: '/api/admin/webhooks/:id/deliveries', handler: deliveriesRoute },
  { method: 'POST', path: '/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver', handler: formAware(redeliverRoute, back) },
];
