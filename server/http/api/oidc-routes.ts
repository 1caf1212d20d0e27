/**
 * Single sign-on doors: leave for the provider, come back with a code, leave the provider at logout.
 * Every failure lands on the login page with a French message; nothing logged carries a token.
 */
import { homeAfterLogin } from '../../access/policy.ts';
import { readSessionCookie, serializeSessionCookie, parseCookies } from '../../auth/cookies.ts';
import { profileFromClaims } from '../../auth/oidc-claims.ts';
import { describeOidcError } from '../../auth/oidc-client.ts';
import { LoginMethodDisabled, SsoRefused } from '../../auth/oidc-errors.ts';
import { flowCookieName, serializeFlowCookie } from '../../auth/oidc-flows.ts';
import { toHttpError } from '../../errors.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext, RouteResult } from '../router.ts';
import { appendCookie, isFormPost, isSecure, publicBase } from './auth-respond.ts';
import { safeReturn, withQuery } from './auth-urls.ts';

const callbackPath = '/api/sso/callback';
const loggedOutPath = '/api/sso/logged-out';

function enabledSso(ctx: RouteContext): NonNullable<RouteContext['hub']['sso']> {
  const sso = ctx.hub.sso;
  if (sso === undefined) throw new LoginMethodDisabled('La connexion unique n’est pas configurée sur ce hub : connectez-vous avec votre e-mail et votre mot de passe.');
  return sso;
}

/** Runs a handler; a failure goes back to the login page with `?erreur=` (and the path to return to). */
function toLoginPage(handler: (ctx: RouteContext) => Promise<RouteResult>) {
  return async (ctx: RouteContext): Promise<RouteResult> => {
    try {
      return await handler(ctx);
    } catch (error) {
      const e = toHttpError(error);
      // Class, code and message only: a library error's cause may hold a response body with tokens.
      console.error(`[sso] ${ctx.url.pathname} refusé : ${e.code} (${describeOidcError((error as { cause?: unknown }).cause ?? error)})`);
      return redirect(withQuery('/connexion', { erreur: e.message }));
    }
  };
}

/** GET /api/sso/login — keeps state, nonce and PKCE verifier server-side, then sends the browser to the provider. */
async function loginRoute(ctx: RouteContext): Promise<RouteResult> {
  const sso = enabledSso(ctx);
  const started = await sso.client.startLogin({ redirectUri: publicBase(ctx) + callbackPath });
  const retour = safeReturn(ctx.url.searchParams.get('retour') ?? '/');
  const flow = await sso.flows.start({ state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, retour });
  appendCookie(ctx, serializeFlowCookie({ id: flow.id, maxAgeSeconds: flow.maxAgeSeconds, secure: isSecure(ctx) }));
  return redirect(started.url.href, 302);
}

/** GET /api/sso/callback — checks the provider's answer against the flow (used once), then opens a hub session. */
async function callbackRoute(ctx: RouteContext): Promise<RouteResult> {
  const sso = enabledSso(ctx);
  const flow = await sso.flows.take(parseCookies(ctx.req.headers.cookie).get(flowCookieName));
  appendCookie(ctx, serializeFlowCookie({ id: '', maxAgeSeconds: 0, secure: isSecure(ctx) }));
  if (flow === undefined) {
    throw new SsoRefused(`Cette connexion a expiré ou a déjà servi. Recommencez avec le bouton « Se connecter avec ${sso.settings.label} ».`);
  }
  // The address the provider was given as redirect_uri, with the answer's parameters.
  const currentUrl = new URL(publicBase(ctx) + callbackPath + ctx.url.search);
  const { claims, idToken } = await sso.client.finishLogin({ currentUrl, flow });
  const profile = profileFromClaims({ claims, settings: sso.settings });
  const account = await ctx.hub.accounts.signInWithSso({ profile, defaultRole: sso.settings.defaultRole, label: sso.settings.label });
  const previous = readSessionCookie(ctx.req.headers.cookie);
  if (previous !== undefined) await ctx.hub.accounts.deleteSession(previous);
  const userAgent = ctx.req.headers['user-agent']?.slice(0, 500);
  const session = await ctx.hub.accounts.createSession({
    userId: account.person.id,
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(idToken === undefined ? {} : { idToken }),
  });
  appendCookie(ctx, serializeSessionCookie({ value: session.sessionId, expiresAt: session.expiresAt, secure: isSecure(ctx) }));
  return redirect(flow.retour === '/' ? homeAfterLogin(account) : flow.retour);
}

/** GET /api/sso/logged-out — where the provider sends the browser back after its own logout. */
async function loggedOutRoute(ctx: RouteContext): Promise<RouteResult> {
  const label = ctx.hub.sso?.settings.label ?? 'votre fournisseur d’identité';
  return redirect(withQuery('/connexion', { ok: `Vous êtes déconnecté·e de Gare centrale et de ${label}. À bientôt !` }));
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The provider's logout for the browser's single sign-on session, to answer after the hub's own
 * logout; undefined for a local session. Read before the session ends: it holds the ID token.
 * A form gets a page that moves on by itself: the CSP's `form-action 'self'` forbids redirecting
 * a form post to another site, a meta refresh is a new navigation.
 */
export async function providerLogout(ctx: RouteContext): Promise<RouteResult> {
  const sessionId = readSessionCookie(ctx.req.headers.cookie);
  const idToken = sessionId === undefined ? undefined : await ctx.hub.accounts.sessionIdToken(sessionId);
  if (idToken === undefined || ctx.hub.sso === undefined) return undefined;
  const url = await ctx.hub.sso.client.endSessionUrl({ idToken, postLogoutRedirectUri: publicBase(ctx) + loggedOutPath });
  if (url === undefined) return undefined;
  if (!isFormPost(ctx)) return { ok: true, endSessionUrl: url.href };
  const href = escapeAttribute(url.href);
  const label = escapeAttribute(ctx.hub.sso.settings.label);
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Déconnexion</title></head>`
    + `<body><p>Vous êtes déconnecté·e de Gare centrale. Fin de votre session chez ${label}… <a href="${href}">Continuer</a></p></body></html>`;
  return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The single sign-on routes (they answer even when SSO is off, with a message on the login page). */
export const oidcRoutes: Route[] = [
  { method: 'GET', path: '/api/sso/login', handler: toLoginPage(loginRoute) },
  { method: 'GET', path: callbackPath, handler: toLoginPage(callbackRoute) },
  { method: 'GET', path: loggedOutPath, handler: loggedOutRoute },
];
