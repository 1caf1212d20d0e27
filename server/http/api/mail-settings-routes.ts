/**
 * E-mail settings: one's choice on /compte (immediate, daily digest, none), and the unsubscribe
 * link of every e-mail. The unsubscribe POST is authenticated by the secret in its address alone:
 * mail providers send it from their servers for a one-click unsubscribe (RFC 8058), with no
 * cookie and no Origin, so it skips the browser checks; it can only turn the link owner's e-mails off.
 */
import { z } from 'zod';
import { toHttpError, Unauthenticated } from '../../errors.ts';
import { EmailModeSchema } from '../../mail/mail-preferences.ts';
import { parseInput, readBody } from '../body.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext } from '../router.ts';
import { formAware, isFormPost } from './auth-respond.ts';
import { withQuery } from './auth-urls.ts';

/** Body of POST /api/account/email. */
const EmailModeBodySchema = z.object({
  /** `immediate`, `digest` or `off`. */
  mode: EmailModeSchema,
}).catchall(z.unknown());

const confirmations: Record<z.infer<typeof EmailModeSchema>, string> = {
  immediate: 'C’est noté : vous recevrez un e-mail à chaque notification.',
  digest: 'C’est noté : vous recevrez un résumé par jour de vos notifications.',
  off: 'C’est noté : vous ne recevrez plus d’e-mails. Vos notifications restent sur la page « Notifications ».',
};

/** POST /api/account/email — records the person's choice. */
async function setModeRoute(ctx: RouteContext) {
  const userId = ctx.viewer.person?.id;
  if (userId === undefined) throw new Unauthenticated('Connectez-vous pour choisir vos e-mails.');
  const { mode } = parseInput(EmailModeBodySchema, ctx.body);
  await ctx.hub.mail.preferences.setMode({ userId, mode });
  // The page comes back to the setting itself (the account page holds several).
  return isFormPost(ctx) ? redirect(`${withQuery('/compte', { ok: confirmations[mode] })}#courriels`) : { mode };
}

const page = '/notifications/desabonnement';

/** POST /api/notifications/desabonnement?jeton=… — e-mails off for the link's owner (the page's button, or one click from the mail reader). */
async function unsubscribeRoute(ctx: RouteContext) {
  // The body (`List-Unsubscribe=One-Click`, or the page's form) says nothing the address does not.
  await readBody(ctx.req, 4096).catch(() => undefined);
  try {
    const person = await ctx.hub.mail.preferences.unsubscribe(ctx.url.searchParams.get('jeton') ?? '');
    return redirect(withQuery(page, { ok: `C’est fait, ${person.name} : vous ne recevrez plus d’e-mails de Gare centrale. Vos notifications restent visibles dans le hub.` }));
  } catch (error) {
    return redirect(withQuery(page, { erreur: toHttpError(error).message }));
  }
}

/** The e-mail settings routes. */
export const mailSettingsRoutes: Route[] = [
  { method: 'POST', path: '/api/account/email', handler: formAware(setModeRoute, () => '/compte') },
  { method: 'POST', path: '/api/notifications/desabonnement', handler: unsubscribeRoute, csrf: 'none', rawBody: true },
];
