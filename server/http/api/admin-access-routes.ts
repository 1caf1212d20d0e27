/**
 * Rights per section from the admin page: the table is saved as one commit to `_gare/acces.yml`
 * (refused when the file changed meanwhile, or when it names an unknown group), and each section
 * whose groups changed gets a line in the audit log.
 */
import { z } from 'zod';
import { parseInput } from '../../auth/parse-input.ts';
import { saveAccessSettings, SectionRightsSchema } from '../../editing/access-settings-save.ts';
import type { Route, RouteContext } from '../router.ts';
import { adminOf, adminReturn } from './admin-respond.ts';
import { done, formAware } from './auth-respond.ts';

/** POST /api/admin/access: JSON `sections`, or form fields `lecture:<section>` / `ecriture:<section>` (names separated by commas). */
const AccessBodySchema = z
  .object({
    /** Commit the page read `_gare/acces.yml` at. */
    baseVersion: z.string({ error: 'Version de départ manquante : rechargez la page des droits.' }).max(100),
    /** Groups of each section (JSON clients). */
    sections: z.record(z.string().max(100), SectionRightsSchema).optional(),
    /** Admin page to come back to. */
    retour: z.string().max(2000).optional(),
  })
  .catchall(z.unknown());

const listOf = (value: unknown): string[] => (typeof value === 'string' ? value.split(/[,\n;]/).map((n) => n.trim()).filter((n) => n !== '') : []);

/** The sections of a form body: every `lecture:x` / `ecriture:x` field. */
function formSections(body: Record<string, unknown>): Record<string, { read: string[]; write: string[] }> {
  const out: Record<string, { read: string[]; write: string[] }> = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^(lecture|ecriture):(.+)$/.exec(key);
    if (!m?.[2]) continue;
    const entry = (out[m[2]] ??= { read: [], write: [] });
    entry[m[1] === 'lecture' ? 'read' : 'write'] = listOf(value).slice(0, 200);
  }
  return out;
}

const describe = (names: readonly string[]) => (names.length === 0 ? 'tout le monde (selon la visibilité des pages)' : names.join(', '));

/** POST /api/admin/access — saves the rights table as a commit by the admin. */
async function saveAccessRoute(ctx: RouteContext) {
  const by = adminOf(ctx);
  const body = parseInput(AccessBodySchema, ctx.body ?? {});
  const sections = body.sections ?? formSections(body);
  const knownGroups = (await ctx.hub.accounts.listGroups()).map((g) => g.name);
  const saved = await saveAccessSettings({ deps: ctx.hub.editing, viewer: ctx.viewer, sections, baseVersion: body.baseVersion, knownGroups });
  for (const t of saved.touched) {
    const detail = `lecture : ${describe(t.after.read)} ; écriture : ${describe(t.after.write)} (avant : ${describe(t.before.read)} / ${describe(t.before.write)})`;
    await ctx.hub.accounts.recordAudit({ actor: by, action: 'access.edit', target: t.section, detail });
  }
  const ok = saved.changed ? `Droits enregistrés (${saved.touched.map((t) => t.section).join(', ') || 'mise en forme'}) : _gare/acces.yml est à jour.` : 'Aucun changement : les droits étaient déjà ceux-là.';
  return done(ctx, { location: adminReturn(ctx, '/admin/droits'), ok, data: saved });
}

/** The rights routes (admins only). */
export const adminAccessRoutes: Route[] = [
  { method: 'POST', path: '/api/admin/access', handler: formAware(saveAccessRoute, (ctx) => adminReturn(ctx, '/admin/droits')) },
];
