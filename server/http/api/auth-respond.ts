/**
 * How account routes answer: an HTML form gets a 303 back to a page with a French message in the
 * query (?ok=… / ?erreur=…); a fetch client gets JSON and error statuses. Cookies are appended to
 * the Node response, so several can be set at once.
 */
import type { TLSSocket } from 'node:tls';
import { clearSessionCookie, readSessionCookie, serializeSessionCookie } from '../../auth/cookies.ts';
import { toHttpError } from '../../errors.ts';
import { redirect } from '../respond.ts';
import type { RouteContext, RouteResult } from '../router.ts';
import { withQuery } from './auth-urls.ts';

/** True when the request is a plain HTML form post (it wants a redirect, not JSON). */
export function isFormPost(ctx: Pick<RouteContext, 'req'>): boolean {
  return String(ctx.req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
}

/** The answer of a successful operation: JSON `data`, or for a form a 303 to `location` with `ok`. */
export function done(ctx: RouteContext, { data, location, ok }: { data: unknown; location: string; ok?: string }): RouteResult {
  if (!isFormPost(ctx)) return data;
  return redirect(ok === undefined ? location : withQuery(location, { ok }));
}

/** Where a failed form goes back to, given the request. */
export type BackTo = (ctx: RouteContext) => string;

/**
 * Wraps a handler so that a refused form comes back to its page with `?erreur=` (the error's French
 * message); JSON clients get the error status as usual.
 */
export function formAware(handler: (ctx: RouteContext) => Promise<RouteResult>, back: BackTo) {
  return async (ctx: RouteContext): Promise<RouteResult> => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (!isFormPost(ctx)) throw error;
      const e = toHttpError(error);
      if (e.status >= 500) console.error(`[http] ${ctx.req.method} ${ctx.url.pathname}:`, error);
      return redirect(withQuery(back(ctx), { erreur: e.message }));
    }
  };
}

/** True when cookies must be marked Secure: the hub is public over HTTPS, or this request came over TLS. */
export function isSecure(ctx: Pick<RouteContext, 'req' | 'hub'>): boolean {
  return (ctx.hub.config.publicUrl?.startsWith('https:') ?? false) || (ctx.req.socket as Partial<TLSSocket>).encrypted === true;
}

/** Adds a Set-Cookie header to the response (several may be added). */
export function appendCookie(ctx: Pick<RouteContext, 'res'>, value: string): void {
  ctx.res.appendHeader('Set-Cookie', value);
}

/** Opens a brand-new session for an account: the session the browser brought (perhaps planted) is ended first. */
export async function openSession(ctx: RouteContext, userId: string): Promise<{ csrf: string }> {
  const previous = readSessionCookie(ctx.req.headers.cookie);
  if (previous !== undefined) await ctx.hub.accounts.deleteSession(previous);
  const userAgent = ctx.req.headers['user-agent']?.slice(0, 500);
  const session = await ctx.hub.accounts.createSession({ userId, ...(userAgent === undefined ? {} : { userAgent }) });
  appendCookie(ctx, serializeSessionCookie({ value: session.sessionId, expiresAt: session.expiresAt, secure: isSecure(ctx) }));
  return { csrf: session.csrf };
}

/** Ends the browser's session (if any) and removes its cookie. */
export async function closeSession(ctx: RouteContext): Promise<void> {
  const current = readSessionCookie(ctx.req.headers.cookie);
  if (current !== undefined) await ctx.hub.accounts.deleteSession(current);
  appendCookie(ctx, clearSessionCookie({ secure: isSecure(ctx) }));
}

/** Base URL for links handed out (invitations, resets): the configured public URL, else the address this request reached. */
export function publicBase(ctx: Pick<RouteContext, 'req' | 'hub'>): string {
  const configured = ctx.hub.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return `${isSecure(ctx) ? 'https' : 'http'}://${ctx.req.headers.host ?? 'localhost'}`;
}
