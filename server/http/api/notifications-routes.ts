/**
 * One's notifications and follows: list, mark read (one or all), follow and unfollow. Each works
 * with JSON (scripts) and with a plain form (no JavaScript: a 303 back to the page it came from).
 * Only the person's own rows are ever touched; what they follow must be readable by them.
 */
import { z } from 'zod';
import { PageNotFound, Unauthenticated } from '../../errors.ts';
import { SetFollowSchema } from '../../notifications/follows.ts';
import type { ViewerNotifications } from '../../notifications/viewer-notifications.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { safeReturn } from './auth-urls.ts';
import { formPost, textField } from './form-posts.ts';

/** Query of GET /api/notifications. */
const ListQuerySchema = z.object({
  /** Page number, from 1. */
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Notifications per page. */
  size: z.coerce.number().int().min(1).max(100).default(20),
});

/** Body of POST /api/notifications/read. */
const MarkReadSchema = z.object({
  /** One notification; absent: all of them. */
  id: z.union([z.number(), z.string().regex(/^\d{1,15}$/u, { error: 'Notification inconnue.' })]).transform(Number).optional(),
});

function mine(ctx: RouteContext): { userId: string; notes: ViewerNotifications } {
  const notes = ctx.reader.notifications();
  if (!ctx.viewer.person || !notes) throw new Unauthenticated('Connectez-vous pour voir vos notifications.');
  return { userId: ctx.viewer.person.id, notes };
}

// Where a form goes back to: its `retour` field, else the page it was posted from.
const backOf = (ctx: RouteContext): string =>
  safeReturn((ctx.body as Record<string, unknown> | undefined)?.['retour'] ?? ctx.req.headers.referer?.replace(/^https?:\/\/[^/]+/, ''));

/** True when the viewer may read the followed thing (nothing is followed blind). */
function readableThing(ctx: RouteContext, kind: string, target: string): boolean {
  if (kind === 'register') return true;
  if (kind === 'page') return ctx.reader.pageAt(target) !== undefined;
  if (kind === 'tag') return ctx.reader.tag(target) !== undefined;
  return ctx.reader.sections().includes(target);
}

async function list(ctx: RouteContext): Promise<unknown> {
  const { notes } = mine(ctx);
  const { page, size } = parseInput(ListQuerySchema, Object.fromEntries(ctx.url.searchParams));
  // Listed first: a notification found unreadable is marked read, and the count follows.
  const listed = await notes.list({ page, size });
  return { unread: await notes.unreadCount(), page, ...listed };
}

async function markRead(ctx: RouteContext): Promise<unknown> {
  const { userId, notes } = mine(ctx);
  const { id } = parseInput(MarkReadSchema, ctx.body ?? {});
  const changed = await ctx.hub.notifications.store.markRead({ userId, ...(id === undefined ? {} : { id }) });
  return { changed, unread: await notes.unreadCount(), retour: backOf(ctx) };
}

async function follow(ctx: RouteContext): Promise<unknown> {
  const { userId } = mine(ctx);
  const input = parseInput(SetFollowSchema, ctx.body ?? {});
  if (!readableThing(ctx, input.kind, input.target)) throw new PageNotFound('Introuvable : cette page, étiquette ou section n’existe pas ou ne vous est pas accessible.');
  return { ...(await ctx.hub.notifications.follows.setFollow(userId, input)), retour: backOf(ctx) };
}

/** Routes of notifications and follows. */
export const notificationsRoutes: Route[] = [
  { method: 'GET', path: '/api/notifications', handler: list },
  {
    method: 'POST',
    path: '/api/notifications/read',
    handler: formPost(markRead, { to: (r) => textField(r, 'retour', '/notifications'), ok: 'Notifications marquées comme lues.' }),
  },
  {
    method: 'POST',
    path: '/api/follows',
    handler: formPost(follow, { to: (r) => textField(r, 'retour', '/compte'), ok: 'Suivi mis à jour.' }),
  },
];
