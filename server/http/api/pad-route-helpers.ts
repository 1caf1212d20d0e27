/** Shared by the pad routes: who may use pads, the hub parts they need, form-or-JSON answers. */
import { can, requireAllowed } from '../../access/policy.ts';
import type { Viewer } from '../../access/viewer.ts';
import { PageNotFound, toHttpError } from '../../errors.ts';
import type { Hub } from '../../hub/create-hub.ts';
import type { OpenPageDeps } from '../../publishing/open-page-pad.ts';
import { isoToMs } from '../../pads/pad-lists.ts';
import type { PublishDeps } from '../../publishing/publish-pad.ts';
import { parsePadName } from '../../pads/pad-names.ts';
import type { PadMeta } from '../../pads/pad-server.ts';
import { redirect } from '../respond.ts';
import type { RouteContext, RouteResult } from '../router.ts';

/** Throws unless the viewer is of the team (team pads, publishing, archives): 401 for visitors, 403 otherwise. */
export function requirePadUser(viewer: Viewer): void {
  requireAllowed(viewer, can(viewer, 'pad.write', { visibility: 'equipe' }));
}

/**
 * The pad named in the URL, if the viewer may see it. A team pad and a missing one get the same
 * refusal from outsiders (401 visitors, 403 contributeurs); the team gets 404 for a missing one.
 */
export async function visiblePad(ctx: Pick<RouteContext, 'reader' | 'viewer' | 'params'>): Promise<PadMeta> {
  const meta = await ctx.reader.pad(parsePadName(ctx.params['name'] ?? ''));
  if (meta) return meta;
  requirePadUser(ctx.viewer);
  throw new PageNotFound('Ce pad n’existe pas (ou plus) : vérifiez son adresse dans la liste des pads.');
}

/** Date (ms) of the last commit of a page. */
export function lastChangeOf(hub: Hub, path: string): number | undefined {
  return isoToMs(hub.history.updatedAt(path));
}

/** The hub parts publishing and « Ouvrir en direct » use (accounts' e-mails read once, for co-author trailers). */
export async function padDeps(hub: Hub): Promise<PublishDeps & OpenPageDeps> {
  const people = new Map((await hub.accounts.listPeople()).map((p) => [p.id, p.email]));
  return {
    pads: hub.pads,
    index: hub.index,
    editing: hub.editing,
    emailOf: (id) => people.get(id),
    lastChangeOf: (path) => lastChangeOf(hub, path),
  };
}

/** True when the request is a plain HTML form post (it wants a redirect, not JSON). */
export function isForm(ctx: Pick<RouteContext, 'req'>): boolean {
  return String(ctx.req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
}

/** `location` with `?key=value` added. */
export function withMessage(location: string, key: 'ok' | 'erreur', message: string): string {
  const url = new URL(location, 'http://x');
  url.searchParams.set(key, message);
  return url.pathname + url.search + url.hash;
}

/**
 * Wraps a handler: a form that fails comes back to `back(ctx)` with `?erreur=` (the French message),
 * a JSON client gets the error status as usual.
 */
export function formAware(handler: (ctx: RouteContext) => Promise<RouteResult>, back: (ctx: RouteContext) => string) {
  return async (ctx: RouteContext): Promise<RouteResult> => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (!isForm(ctx)) throw error;
      const e = toHttpError(error);
      if (e.status >= 500) console.error(`[http] ${ctx.req.method} ${ctx.url.pathname}:`, error);
      // A visitor whose session ended is sent to log in rather than to a page they cannot open.
      if (e.status === 401) return redirect(`/connexion?retour=${encodeURIComponent(back(ctx))}`);
      return redirect(withMessage(back(ctx), 'erreur', e.message));
    }
  };
}
