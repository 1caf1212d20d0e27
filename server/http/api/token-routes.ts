/**
 * One's personal access tokens: list, create (the secret shown once), revoke. Forms of /compte
 * and fetch clients share each route. Managed with a session only: a token cannot mint tokens.
 */
import { createApiTokenOps, CreateApiTokenSchema } from '../../auth/api-tokens.ts';
import { Forbidden, Unauthenticated } from '../../errors.ts';
import { parseInput } from '../body.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext } from '../router.ts';
import { serializeApiTokenCookie } from './api-token-cookie.ts';
import { appendCookie, done, formAware, isFormPost, isSecure } from './auth-respond.ts';
import { withQuery } from './auth-urls.ts';

/** Body of « Créer un jeton »: its name and scope (the owner is the session's person). */
export const CreateTokenInput = CreateApiTokenSchema.omit({ personId: true });

/** The account id of the person managing their tokens, with a session (never a token). */
function ownerOf(ctx: RouteContext): string {
  const id = ctx.viewer.person?.id;
  if (id === undefined) throw new Unauthenticated('Connectez-vous pour gérer vos jetons d’accès.');
  if (ctx.viewer.apiToken) throw new Forbidden('Les jetons d’accès se gèrent depuis votre page « Mon compte » (/compte), pas avec un jeton.');
  return id;
}

const opsOf = (ctx: RouteContext) => createApiTokenOps({ sql: ctx.hub.accounts.sql, now: Date.now });

/** GET /api/account/tokens — one's live tokens (names, scopes, dates; never a secret). */
async function listRoute(ctx: RouteContext) {
  return { tokens: await opsOf(ctx).listTokens(ownerOf(ctx)) };
}

/** POST /api/account/tokens — creates a token; a form finds it on /compte (cookie), JSON gets it in the body (201). */
async function createRoute(ctx: RouteContext) {
  const personId = ownerOf(ctx);
  const input = parseInput(CreateTokenInput, ctx.body);
  const { token, summary } = await opsOf(ctx).createToken({ personId, ...input });
  if (isFormPost(ctx)) {
    appendCookie(ctx, serializeApiTokenCookie({ token, secure: isSecure(ctx) }));
    return redirect(withQuery('/compte', { ok: `Jeton « ${summary.name} » créé : copiez-le maintenant, il ne sera plus affiché.` }) + '#jetons');
  }
  return new Response(JSON.stringify({ token, ...summary }), { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** POST /api/account/tokens/:id/revoke — the token stops working at once. */
async function revokeRoute(ctx: RouteContext) {
  const personId = ownerOf(ctx);
  const revoked = await opsOf(ctx).revokeToken({ personId, id: ctx.params['id'] ?? '' });
  return done(ctx, { data: { revoked }, location: '/compte', ok: `Jeton « ${revoked.name} » révoqué : il ne fonctionne plus.` });
}

const back = () => '/compte';

/** The token routes. */
export const tokenRoutes: Route[] = [
  { method: 'GET', path: '/api/account/tokens', handler: listRoute },
  { method: 'POST', path: '/api/account/tokens', handler: formAware(createRoute, back) },
  { method: 'POST', path: '/api/account/tokens/:id/revoke', handler: formAware(revokeRoute, back) },
];
