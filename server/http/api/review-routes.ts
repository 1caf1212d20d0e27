/**
 * The review of contributions: list and read proposals, accept or reject them, and the list of
 * reviewed sections. Every handler answers JSON to fetch clients and a 303 with a French
 * message to plain HTML forms (the /propositions pages work without JavaScript).
 */
import { Unauthenticated } from '../../errors.ts';
import type { EditingService } from '../../editing/editing-service.ts';
import { acceptProposal, rejectProposal } from '../../review/decide-proposal.ts';
import type { ProposalAnswer } from '../../review/propose-save.ts';
import { getProposalFor, listProposalsFor } from '../../review/proposal-view.ts';
import { ProposalConflict } from '../../review/review-errors.ts';
import { ProposalsQuery, RejectInput, ReviewSettingsInput } from '../../review/review-schemas.ts';
import { readReviewSettings, saveReviewSettings } from '../../review/review-settings.ts';
import { isPagePath, pathToSlug, slugToUrl } from '../../wiki/paths.ts';
import { parseInput } from '../body.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext, RouteResult } from '../router.ts';
import { done, formAware, isFormPost } from './auth-respond.ts';
import { withQuery } from './auth-urls.ts';
import { queryOf } from './editing-schemas.ts';

/** What the contributor is told when their change waits. */
export const waitingMessage = 'Votre proposition attend la relecture de l’équipe.';

/** The answer of a save diverted to a proposal: 202 with the proposal (JSON), or a 303 to its page (form). */
export function proposalResponse(ctx: RouteContext, answer: ProposalAnswer): RouteResult {
  const { proposal, path, version, merged, changed } = answer;
  // Nothing differed and nothing was pending: the same answer as an unchanged direct save.
  if (!proposal) return { path, url: isPagePath(path) ? slugToUrl(pathToSlug(path)) : '/', version, changed: false, merged: false };
  if (isFormPost(ctx)) return redirect(withQuery(proposal.url, { ok: waitingMessage }));
  const body = { proposal, path, version, merged, changed, message: waitingMessage };
  return new Response(JSON.stringify(body), { status: 202, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}

const idOf = (ctx: RouteContext): string => ctx.params['id'] ?? '';
const backToProposal = (ctx: RouteContext): string => `/propositions/${encodeURIComponent(idOf(ctx))}`;

/** GET /api/proposals?mine=1&state= */
async function list(ctx: RouteContext): Promise<RouteResult> {
  const { mine, state } = parseInput(ProposalsQuery, queryOf(ctx.url));
  const states = state === undefined ? undefined : state === 'all' ? (['pending', 'accepted', 'rejected'] as const) : [state];
  return { proposals: await listProposalsFor({ dir: ctx.hub.config.contentDir, viewer: ctx.viewer, mine, states }) };
}

/** GET /api/proposals/:id */
async function show(ctx: RouteContext): Promise<RouteResult> {
  return getProposalFor({ dir: ctx.hub.config.contentDir, viewer: ctx.viewer, id: idOf(ctx) });
}

/** POST /api/proposals/:id/accept — a conflict answers 409 with both sides; the proposal stays. */
async function accept(ctx: RouteContext, deps: EditingService): Promise<RouteResult> {
  try {
    const accepted = await acceptProposal({ deps, viewer: ctx.viewer, id: idOf(ctx) });
    const ok = `Proposition acceptée : la page est à jour, au nom de son auteur·ice.`;
    return done(ctx, { data: { accepted }, location: backToProposal(ctx), ok });
  } catch (error) {
    if (!(error instanceof ProposalConflict) || isFormPost(ctx)) throw error;
    const body = { error: { code: error.code, message: error.message }, conflict: error.details };
    return new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
}

/** POST /api/proposals/:id/reject {reason?} */
async function reject(ctx: RouteContext, deps: EditingService): Promise<RouteResult> {
  const { reason } = parseInput(RejectInput, ctx.body);
  const rejected = await rejectProposal({ deps, viewer: ctx.viewer, id: idOf(ctx), reason });
  return done(ctx, { data: { rejected }, location: '/propositions', ok: 'Proposition refusée. Elle reste consultable par son auteur·ice, avec votre motif.' });
}

/** GET /api/review/settings — any logged-in person (an editor can say beforehand that a section is reviewed). */
async function getSettings(ctx: RouteContext): Promise<RouteResult> {
  if (!ctx.viewer.person) throw new Unauthenticated('Connectez-vous pour voir les réglages de relecture.');
  return readReviewSettings({ dir: ctx.hub.config.contentDir });
}

/** POST /api/review/settings {sections} — admins; commits `_gare/relecture.yml`. */
async function setSettings(ctx: RouteContext, deps: EditingService): Promise<RouteResult> {
  const { sections } = parseInput(ReviewSettingsInput, ctx.body);
  const saved = await saveReviewSettings({ deps, viewer: ctx.viewer, sections });
  const ok = saved.sections.length === 0 ? 'Plus aucune section n’est relue.' : `Sections relues : ${saved.sections.join(', ')}.`;
  return done(ctx, { data: saved, location: '/propositions', ok });
}

/** The review routes; accepting and the settings write through the hub's one editing service. */
export function createReviewRoutes(): Route[] {
  const bind = (fn: (ctx: RouteContext, deps: EditingService) => Promise<RouteResult>) => (ctx: RouteContext) => fn(ctx, ctx.hub.editing);
  return [
    { method: 'GET', path: '/api/proposals', handler: list },
    { method: 'GET', path: '/api/proposals/:id', handler: show },
    { method: 'POST', path: '/api/proposals/:id/accept', handler: formAware(bind(accept), backToProposal) },
    { method: 'POST', path: '/api/proposals/:id/reject', handler: formAware(bind(reject), backToProposal) },
    { method: 'GET', path: '/api/review/settings', handler: getSettings },
    { method: 'POST', path: '/api/review/settings', handler: formAware(bind(setSettings), () => '/propositions') },
  ];
}
