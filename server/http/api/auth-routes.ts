/**
 * Account doors of the web: login, logout, the first admin's welcome link, accepting an
 * invitation, resetting a password. Forms and fetch clients share each route (see auth-respond.ts).
 */
import { homeAfterLogin, requireAllowed } from '../../access/policy.ts';
import { readSessionCookie, serializeSessionCookie } from '../../auth/cookies.ts';
import { parseInput } from '../../auth/parse-input.ts';
import type { Route, RouteContext } from '../router.ts';
import { appendCookie, closeSession, done, formAware, isSecure, openSession } from './auth-respond.ts';
import { AcceptBodySchema, LoginBodySchema, ResetBodySchema } from './auth-schemas.ts';
import { safeReturn, withQuery } from './auth-urls.ts';
import { peopleRoutes } from './people-routes.ts';
import { providerLogout } from './oidc-routes.ts';
import { LoginMethodDisabled } from '../../auth/oidc-errors.ts';

function field(ctx: RouteContext, name: string): string | undefined {
  const body = ctx.body;
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The return path asked by the login form (hidden field) or by the query. */
function askedReturn(ctx: RouteContext): string | undefined {
  return field(ctx, 'retour') ?? ctx.url.searchParams.get('retour') ?? undefined;
}

/** POST /api/login — checks the password (rate-limited) and sets a fresh session cookie. */
async function loginRoute(ctx: RouteContext) {
  if (ctx.hub.config.localLogin === false) {
    throw new LoginMethodDisabled(`Les mots de passe sont désactivés sur ce hub : utilisez « Se connecter avec ${ctx.hub.sso?.settings.label ?? 'SSO'} ».`);
  }
  const { email, password } = parseInput(LoginBodySchema, ctx.body);
  const userAgent = ctx.req.headers['user-agent'];
  const previousSessionId = readSessionCookie(ctx.req.headers.cookie);
  const result = await ctx.hub.login.login({
    email,
    password,
    ip: ctx.req.socket.remoteAddress ?? 'inconnue',
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(previousSessionId === undefined ? {} : { previousSessionId }),
  });
  // login() issued the session itself (after ending the one the browser brought): only the cookie is left to write.
  appendCookie(ctx, serializeSessionCookie({ value: result.session.sessionId, expiresAt: result.session.expiresAt, secure: isSecure(ctx) }));
  const location = safeReturn(askedReturn(ctx));
  return done(ctx, { location, data: { person: result.person, role: result.role, csrf: result.session.csrf, location } });
}

/** POST /api/logout — ends this browser's session. Checked by origin only: an expired session must still be able to drop its cookie. */
async function logoutRoute(ctx: RouteContext) {
  // A single sign-on session also ends at the provider, or the next login would pass straight through.
  const atProvider = await providerLogout(ctx);
  await closeSession(ctx);
  if (atProvider !== undefined) return atProvider;
  return done(ctx, { location: '/connexion', ok: 'Vous êtes déconnecté·e. À bientôt !', data: { ok: true } });
}

/** POST /api/logout-everywhere — ends every session of the logged-in person (a forgotten computer, a lost phone). */
async function logoutEverywhereRoute(ctx: RouteContext) {
  requireAllowed(ctx.viewer, ctx.viewer.person !== undefined);
  const ended = ctx.viewer.person ? await ctx.hub.accounts.deleteAllSessions(ctx.viewer.person.id) : 0;
  await closeSession(ctx);
  return done(ctx, { location: '/connexion', ok: 'Vous êtes déconnecté·e de tous vos appareils.', data: { ended } });
}

/** Creates the account of a one-time link (welcome link or invitation) and logs it in. */
async function acceptLink(ctx: RouteContext) {
  const input = parseInput(AcceptBodySchema, ctx.body);
  const account = await ctx.hub.accounts.acceptInvitation(input);
  const { csrf } = await openSession(ctx, account.person.id);
  return { account, csrf };
}

/** POST /api/first-admin — the welcome link printed at first start creates the first admin. */
async function firstAdminRoute(ctx: RouteContext) {
  const { account, csrf } = await acceptLink(ctx);
  const location = homeAfterLogin(account);
  const ok = `Bienvenue ${account.person.name} ! Votre compte administrateur est prêt : invitez maintenant les personnes de votre équipe.`;
  return done(ctx, { location, ok, data: { person: account.person, role: account.role, csrf, location } });
}

/** POST /api/invitations/accept — an invited person chooses name, e-mail and password. */
async function acceptInvitationRoute(ctx: RouteContext) {
  const { account, csrf } = await acceptLink(ctx);
  return done(ctx, { location: '/', ok: `Bienvenue ${account.person.name} ! Votre compte est prêt.`, data: { person: account.person, role: account.role, csrf, location: '/' } });
}

/** POST /api/password-reset — a new password from a reset link; every session of the account ends, the person logs in again. */
async function passwordResetRoute(ctx: RouteContext) {
  const account = await ctx.hub.accounts.resetPassword(parseInput(ResetBodySchema, ctx.body));
  await closeSession(ctx);
  return done(ctx, {
    location: '/connexion',
    ok: 'Mot de passe changé. Connectez-vous avec le nouveau mot de passe.',
    data: { person: account.person, location: '/connexion' },
  });
}

/** Back to the page of a link, keeping its token so the person can correct and resubmit. */
const backToLink = (page: string) => (ctx: RouteContext) => withQuery(page, { jeton: field(ctx, 'token') });

/** Every account route: login and links here, the admin's people management in people-routes.ts. */
export const authRoutes: Route[] = [
  { method: 'POST', path: '/api/login', csrf: 'origin', handler: formAware(loginRoute, (ctx) => withQuery('/connexion', { retour: askedReturn(ctx) })) },
  { method: 'POST', path: '/api/logout', csrf: 'origin', handler: formAware(logoutRoute, () => '/') },
  { method: 'POST', path: '/api/logout-everywhere', handler: formAware(logoutEverywhereRoute, () => '/connexion') },
  { method: 'POST', path: '/api/first-admin', csrf: 'origin', handler: formAware(firstAdminRoute, backToLink('/bienvenue')) },
  { method: 'POST', path: '/api/invitations/accept', csrf: 'origin', handler: formAware(acceptInvitationRoute, backToLink('/invitation')) },
  { method: 'POST', path: '/api/password-reset', csrf: 'origin', handler: formAware(passwordResetRoute, backToLink('/reinitialiser')) },
  ...peopleRoutes,
];
