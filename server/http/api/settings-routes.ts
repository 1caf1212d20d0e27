/**
 * The repository's settings from the admin's notice: « Rendre ces N pages publiques par défaut »
 * writes `_gare/visibilite.yml` as one commit by the admin (admins only; refused when the file
 * changed since the page was shown). Form posts come back to the page they came from.
 */
import { z } from 'zod';
import { requireCan } from '../../access/policy.ts';
import { parseInput } from '../../auth/parse-input.ts';
import { saveVisibilitySettings, VisibilityChoiceSchema } from '../../editing/repo-settings-save.ts';
import type { Route, RouteContext } from '../router.ts';
import { done, formAware } from './auth-respond.ts';
import { safeReturn } from './auth-urls.ts';

/** POST /api/reglages/visibilite: `defaut`, and `rubriques` (JSON) or `rubrique:<dossier>` form fields. */
const VisibilityBodySchema = z
  .object({
    /** Commit the page read the repository at. */
    baseVersion: z.string({ error: 'Version de départ manquante : rechargez la page.' }).max(100),
    /** Visibility of pages that give none. */
    defaut: VisibilityChoiceSchema.shape.defaut,
    /** Per top-level folder (JSON clients). */
    rubriques: VisibilityChoiceSchema.shape.rubriques.optional(),
    /** Page to come back to (the home page or the admin's). */
    retour: z.string().max(2000).optional(),
  })
  .catchall(z.unknown());

/** The home page or a page of `/admin`: where the notice is shown. */
function backTo(ctx: Pick<RouteContext, 'body'>): string {
  const asked = safeReturn((ctx.body as Record<string, unknown> | undefined)?.['retour']);
  return asked === '/' || asked === '/admin' || asked.startsWith('/admin/') ? asked : '/admin';
}

/** The folders' choices of a form body: every `rubrique:<dossier>` field. */
function formSections(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^rubrique:(.+)$/.exec(key);
    if (m?.[1]) out[m[1]] = value;
  }
  return out;
}

/** POST /api/reglages/visibilite — commits the default visibility chosen by the admin. */
async function saveVisibilityRoute(ctx: RouteContext) {
  // Before reading the body: a visitor is told to sign in (401), anyone else is refused (403).
  requireCan(ctx.viewer, 'people.manage');
  const body = parseInput(VisibilityBodySchema, ctx.body ?? {});
  const rubriques = parseInput(VisibilityChoiceSchema.shape.rubriques, body.rubriques ?? formSections(body));
  const saved = await saveVisibilitySettings({ deps: ctx.hub.editing, viewer: ctx.viewer, choice: { defaut: body.defaut, rubriques }, baseVersion: body.baseVersion });
  const ok = saved.changed ? '_gare/visibilite.yml est enregistré : les pages sans visibilité suivent désormais ce réglage.' : 'Aucun changement : ce réglage était déjà celui-là.';
  return done(ctx, { location: backTo(ctx), ok, data: saved });
}

/** The settings routes (admins only). */
export const settingsRoutes: Route[] = [
  { method: 'POST', path: '/api/reglages/visibilite', handler: formAware(saveVisibilityRoute, backTo) },
];
