/**
 * The calendar doors: the public feed `/calendrier.ics` (what a visitor reads), a personal feed
 * `/calendrier/<secret>.ics` (what the link's person reads now, groups included), and the forms
 * of the account page that create (replacing the old one) and revoke one's link. The feeds sit
 * outside /api/ because people paste their address into a calendar application: app.ts sends
 * those addresses here.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { anonymous } from '../../access/viewer.ts';
import { parseInput } from '../../auth/parse-input.ts';
import { calendarFeed } from '../../calendar/calendar-feed.ts';
import { personalCalendarPath, serializeCalendarLinkCookie, webcalOf } from '../../calendar/calendar-link.ts';
import { Unauthenticated } from '../../errors.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext } from '../router.ts';
import { appendCookie, formAware, isFormPost, isSecure, publicBase } from './auth-respond.ts';
import { withQuery } from './auth-urls.ts';

/** Body of the account page's calendar forms: only the CSRF field a form sends. */
const CalendarLinkBodySchema = z.object({
  /** CSRF token of a form post (checked before the route). */
  _csrf: z.string().max(200).optional(),
});

const personalPattern = /^\/calendrier\/([A-Za-z0-9_-]{43})\.ics$/;
const feedHeaders = { 'Content-Type': 'text/calendar; charset=utf-8', 'X-Robots-Tag': 'noindex', 'Content-Disposition': 'inline; filename="gare-centrale.ics"' };
const unknownLink =
  'Ce lien de calendrier ne fonctionne pas : il a été remplacé par un nouveau lien ou révoqué. ' +
  'Créez un lien d’abonnement sur la page « Mon compte » (/compte) et abonnez votre agenda à ce nouveau lien.\n';

const brokenFeed = 'Le calendrier n’a pas pu être préparé. Votre agenda réessaiera plus tard ; si cela dure, prévenez un·e administrateur·ice.\n';

/** True for the addresses `serveCalendar` answers (app.ts asks before the site). */
export function isCalendarPath(pathname: string): boolean {
  return pathname === '/calendrier.ics' || pathname.startsWith('/calendrier/');
}

/** The feed, or 304 when the application already has this very text (calendars poll every hour or so). */
function feedResponse(ctx: RouteContext, ics: string, cache: string): Response {
  const etag = `"${createHash('sha256').update(ics, 'utf8').digest('base64url')}"`;
  const headers = { ...feedHeaders, 'Cache-Control': cache, ETag: etag };
  if (ctx.req.headers['if-none-match'] === etag) return new Response(null, { status: 304, headers });
  return new Response(ics, { status: 200, headers });
}

/** GET /calendrier.ics and /calendrier/<secret>.ics. */
export async function serveCalendar(ctx: RouteContext): Promise<Response> {
  const now = ctx.hub.editing.now();
  const base = publicBase(ctx);
  if (ctx.url.pathname === '/calendrier.ics') {
    // A visitor's feed whoever asks: a logged-in browser opening it gets what a calendar application gets.
    const ics = await calendarFeed({ reader: ctx.hub.forViewer(anonymous), base, name: 'Gare centrale — calendrier public', now });
    return feedResponse(ctx, ics, 'public, max-age=300');
  }
  const token = personalPattern.exec(ctx.url.pathname)?.[1];
  const personId = token === undefined ? undefined : await ctx.hub.calendarTokens.personOf(token);
  const viewer = personId === undefined ? undefined : await ctx.hub.accounts.viewerOf(personId);
  if (viewer?.person === undefined) {
    return new Response(unknownLink, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Robots-Tag': 'noindex', 'Cache-Control': 'no-store' } });
  }
  const name = `Gare centrale — ${viewer.person.name}`;
  let ics: string;
  try {
    ics = await calendarFeed({ reader: ctx.hub.forViewer(viewer), base, name, now });
  } catch (error) {
    // Logged here without the address: the server's own error log would print the secret.
    console.error('[calendrier] flux personnel impossible :', error);
    return new Response(brokenFeed, { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Robots-Tag': 'noindex', 'Cache-Control': 'no-store' } });
  }
  // Personal: no shared cache may keep it, and a revoked link must stop at the next fetch.
  return feedResponse(ctx, ics, 'private, no-cache');
}

function personOf(ctx: RouteContext): string {
  const id = ctx.viewer.person?.id;
  if (id === undefined) throw new Unauthenticated('Connectez-vous pour gérer votre lien d’abonnement au calendrier.');
  return id;
}

const accountPage = (ok: string): string => `${withQuery('/compte', { ok })}#calendrier`;

/** POST /api/compte/calendrier — a new personal link (the old one stops working); shown once on /compte. */
async function createLinkRoute(ctx: RouteContext) {
  const userId = personOf(ctx);
  parseInput(CalendarLinkBodySchema, ctx.body ?? {});
  const url = publicBase(ctx) + personalCalendarPath(await ctx.hub.calendarTokens.issue(userId));
  if (!isFormPost(ctx)) return { url, webcal: webcalOf(url) };
  appendCookie(ctx, serializeCalendarLinkCookie({ url, secure: isSecure(ctx) }));
  return redirect(accountPage('Nouveau lien d’abonnement créé : copiez-le dans votre agenda maintenant, il ne sera plus affiché. L’ancien lien ne fonctionne plus.'));
}

/** POST /api/compte/calendrier/revocation — the personal link stops working at once. */
async function revokeLinkRoute(ctx: RouteContext) {
  const userId = personOf(ctx);
  parseInput(CalendarLinkBodySchema, ctx.body ?? {});
  const revoked = await ctx.hub.calendarTokens.revoke(userId);
  if (!isFormPost(ctx)) return { revoked };
  return redirect(accountPage(revoked ? 'Lien d’abonnement révoqué : votre agenda ne reçoit plus rien par ce lien.' : 'Vous n’aviez pas de lien d’abonnement actif.'));
}

const back = (): string => '/compte#calendrier';

/** The account page's calendar forms (the feeds themselves are served by `serveCalendar`). */
export const calendarRoutes: Route[] = [
  { method: 'POST', path: '/api/compte/calendrier', handler: formAware(createLinkRoute, back) },
  { method: 'POST', path: '/api/compte/calendrier/revocation', handler: formAware(revokeLinkRoute, back) },
];
