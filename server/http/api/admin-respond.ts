/**
 * What the admin routes share: the admin's id (visitor → 401, anyone else → 403), where a form
 * goes back to (a page of `/admin`, never elsewhere), and paging numbers read from a query.
 */
import { z } from 'zod';
import { requireCan } from '../../access/policy.ts';
import type { RouteContext } from '../router.ts';
import { safeReturn } from './auth-urls.ts';

/** The id of the admin making the request; throws Unauthenticated / Forbidden otherwise. */
export function adminOf(ctx: RouteContext): string {
  requireCan(ctx.viewer, 'people.manage');
  return ctx.viewer.person?.id ?? '';
}

/** Where a form goes back to: its `retour` field when it is a page of `/admin`, else `fallback`. */
export function adminReturn(ctx: Pick<RouteContext, 'body'>, fallback = '/admin'): string {
  const asked = safeReturn((ctx.body as Record<string, unknown> | undefined)?.['retour']);
  return asked === '/admin' || asked.startsWith('/admin/') || asked.startsWith('/admin?') ? asked : fallback;
}

/** `?page=` of a list: a whole number from 1 (anything else reads as 1). */
export const PageQuerySchema = z.object({
  /** Page number, from 1. */
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** Words searched (people only). */
  q: z.string().trim().max(200).catch(''),
});

/** The paging query of a request. */
export function pageQuery(ctx: Pick<RouteContext, 'url'>): z.infer<typeof PageQuerySchema> {
  return PageQuerySchema.parse({ page: ctx.url.searchParams.get('page') ?? 1, q: ctx.url.searchParams.get('q') ?? '' });
}
