/** Page writes: save (with merge), create, rename, delete, and the template list. */
import { can } from '../../access/policy.ts';
import { Unauthenticated } from '../../errors.ts';
import { createPage } from '../../editing/create-page.ts';
import { deletePage } from '../../editing/delete-page.ts';
import { SaveConflict } from '../../editing/edit-errors.ts';
import type { EditingService } from '../../editing/editing-service.ts';
import { listTemplates } from '../../editing/page-templates.ts';
import { renamePage } from '../../editing/rename-page.ts';
import { savePage } from '../../editing/save-page.ts';
import type { Hub } from '../../hub/create-hub.ts';
import { proposeIfReviewed, requireDirectChange } from '../../review/review-hook.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { CreatePageInput, DeletePageInput, RenamePageInput, SavePageInput } from './editing-schemas.ts';
import { proposalResponse } from './review-routes.ts';
import { formPost, textField } from './form-posts.ts';

/** Gives the hub's editing service (the routes are built before any hub exists). */
export type DepsOf = (hub: Hub) => EditingService;

/** A 409 whose body carries both sides of the conflict, so the editor keeps the typed text. */
function conflictResponse(error: SaveConflict): Response {
  const body = { error: { code: error.code, message: error.message }, conflict: error.details };
  return new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** POST /api/pages/save — saves an existing page (or creates one when `path` is absent). */
async function save(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const input = parseInput(SavePageInput, ctx.body);
  const { title, type, tags, visibility, summary, body, message, template } = input;
  try {
    // A contributor's change to a reviewed section waits as a proposal (server/review/).
    const proposal = await proposeIfReviewed({ deps, viewer: ctx.viewer, request: input });
    if (proposal) return proposalResponse(ctx, proposal);
    if (input.path === undefined) {
      return await createPage({ deps, viewer: ctx.viewer, title, type, tags, visibility, summary, body, message, template });
    }
    return await savePage({ deps, viewer: ctx.viewer, path: input.path, fields: { title, type, tags, visibility, summary }, body, baseVersion: input.baseVersion ?? '', message });
  } catch (error) {
    if (error instanceof SaveConflict) return conflictResponse(error);
    throw error;
  }
}

/** POST /api/pages/create */
async function create(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const input = parseInput(CreatePageInput, ctx.body);
  const proposal = await proposeIfReviewed({ deps, viewer: ctx.viewer, request: input });
  if (proposal) return proposalResponse(ctx, proposal);
  return createPage({ deps, viewer: ctx.viewer, ...input });
}

/** POST /api/pages/rename */
async function rename(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const input = parseInput(RenamePageInput, ctx.body);
  const target = input.newSection === undefined ? [] : [`${input.newSection}/page.md`];
  await requireDirectChange({ deps, viewer: ctx.viewer, paths: [input.path, ...target] });
  return renamePage({ deps, viewer: ctx.viewer, ...input });
}

/** POST /api/pages/delete */
async function remove(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const input = parseInput(DeletePageInput, ctx.body);
  await requireDirectChange({ deps, viewer: ctx.viewer, paths: [input.path] });
  return deletePage({ deps, viewer: ctx.viewer, ...input });
}

/** GET /api/templates — templates of `_modeles/` for the « nouvelle page » form (logged-in people). */
async function templates(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  if (!can(ctx.viewer, 'file.upload')) throw new Unauthenticated('Connectez-vous pour créer une page.');
  return { templates: await listTemplates({ dir: deps.dir }) };
}

/** The page-writing routes. */
export function pagesWriteRoutes(depsOf: DepsOf): Route[] {
  const bind = (fn: (ctx: RouteContext, deps: EditingService) => Promise<unknown>) => (ctx: RouteContext) => fn(ctx, depsOf(ctx.hub));
  return [
    { method: 'POST', path: '/api/pages/save', handler: formPost(bind(save), { to: (r) => textField(r, 'url', '/'), ok: 'Page enregistrée.' }) },
    { method: 'POST', path: '/api/pages/create', handler: formPost(bind(create), { to: (r) => `/modifier${textField(r, 'url', '/').replace(/^\/wiki/, '')}`, ok: 'Page créée : écrivez-la maintenant.' }) },
    { method: 'POST', path: '/api/pages/rename', handler: bind(rename) },
    { method: 'POST', path: '/api/pages/delete', handler: bind(remove) },
    { method: 'GET', path: '/api/templates', handler: bind(templates) },
  ];
}
