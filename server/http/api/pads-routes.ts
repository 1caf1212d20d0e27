/**
 * Pad API: create a pad from a template, list, archive, change who sees it, publish into the wiki,
 * open a page live. Team pads are the team's; public pads are read by all, written by contributeurs.
 */
import { can, requireAllowed } from '../../access/policy.ts';
import { z } from 'zod';
import { InvalidInput } from '../../errors.ts';
import { NewPadSchema, createPad } from '../../pads/new-pad.ts';
import { openPageAsPad } from '../../publishing/open-page-pad.ts';
import { publishPad } from '../../publishing/publish-pad.ts';
import { VisibilitySchema } from '../../wiki/schema.ts';
import { parseInput } from '../body.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext } from '../router.ts';
import { createKeyedSerial } from '../../util/serial.ts';
import { formAware, isForm, padDeps, requirePadUser, visiblePad, withMessage } from './pad-route-helpers.ts';

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Body of « Publier dans le wiki ». */
export const PublishPadSchema = z.object({
  /** Page title; the pad's first heading when absent. */
  title: z.preprocess(blank, z.string().trim().max(200).optional()),
  /** Tags: a list, or comma-separated in a form. */
  tags: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((t) => t.trim()).filter(Boolean) : v),
    z.array(z.string().trim().min(1).max(80)).max(30).optional(),
  ),
  /** `equipe` (default for a new page) or `public`. */
  visibility: z.preprocess(blank, VisibilitySchema.optional()),
});

/** Body of « Ouvrir en direct ». */
export const FromPageSchema = z.object({
  /** Repository path of the page (`reunions/2026-03-10-reunion-hebdomadaire.md`). */
  path: z.string().trim().min(4).max(400),
});

/** Body of the archive button. */
export const ArchiveSchema = z.object({
  /** `false` (or "false") brings an archived pad back; archives otherwise. */
  archived: z.preprocess((v) => (v === 'false' ? false : v === 'true' ? true : v), z.boolean().default(true)),
});

/** Body of « Qui peut voir ce pad ? » on the pad page. */
export const PadVisibilitySchema = z.object({
  /** `equipe` or `public`. */
  visibility: VisibilitySchema,
  /** A group the pad is restricted to (its name), or empty for none; absent leaves it as it is. */
  groupe: z.string().trim().max(80).optional(),
});

const padUrl = (name: string): string => `/pads/${encodeURIComponent(name)}`;

/** A pad the team manages (archive, visibility, publication): team only, then it must exist. */
async function managedPad(ctx: RouteContext) {
  requirePadUser(ctx.viewer);
  return visiblePad(ctx);
}

/** The pad routes; publications of one pad are serialised (the first creates the page). */
export function createPadRoutes(): Route[] {
  const lock = createKeyedSerial();

  return [
    {
      method: 'GET',
      path: '/api/pads',
      handler: async ({ reader }) => reader.padLists(),
    },
    {
      method: 'POST',
      path: '/api/pads',
      handler: formAware(async (ctx) => {
        const { title, template, visibility } = parseInput(NewPadSchema, ctx.body);
        // Contributeurs may start public pads (a workshop's notes); team pads are the team's.
        requireAllowed(ctx.viewer, can(ctx.viewer, 'pad.write', { visibility: visibility }));
        const name = await createPad({ pads: ctx.hub.pads, contentDir: ctx.hub.config.contentDir, title, template, visibility, now: new Date() });
        if (isForm(ctx)) return redirect(padUrl(name));
        return new Response(JSON.stringify({ name, url: padUrl(name) }), { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8', Location: padUrl(name) } });
      }, () => '/pads'),
    },
    {
      method: 'POST',
      path: '/api/pads/from-page',
      handler: formAware(async (ctx) => {
        requirePadUser(ctx.viewer);
        const { path } = parseInput(FromPageSchema, ctx.body);
        const name = await lock(`page:${path}`, async () => openPageAsPad({ deps: await padDeps(ctx.hub), path, viewer: ctx.viewer }));
        return isForm(ctx) ? redirect(padUrl(name)) : { name, url: padUrl(name) };
      }, () => '/pads'),
    },
    {
      method: 'GET',
      path: '/api/pads/:name',
      handler: async (ctx) => {
        const meta = await visiblePad(ctx);
        const summary = (await ctx.reader.pads()).find((p) => p.name === meta.name);
        return { ...summary, ...meta, text: await ctx.reader.padText(meta.name) };
      },
    },
    {
      method: 'POST',
      path: '/api/pads/:name/archive',
      handler: formAware(async (ctx) => {
        const meta = await managedPad(ctx);
        const { archived } = parseInput(ArchiveSchema, ctx.body);
        const updated = await ctx.hub.pads.updateMeta(meta.name, { archived });
        const message = archived ? `Pad « ${meta.title ?? meta.name} » archivé.` : `Pad « ${meta.title ?? meta.name} » ressorti des archives.`;
        return isForm(ctx) ? redirect(withMessage('/pads', 'ok', message)) : updated;
      }, () => '/pads'),
    },
    {
      method: 'POST',
      path: '/api/pads/:name/visibility',
      handler: formAware(async (ctx) => {
        const meta = await managedPad(ctx);
        const { visibility, groupe } = parseInput(PadVisibilitySchema, ctx.body);
        const groups = groupe === undefined ? meta.groups ?? [] : groupe === '' ? [] : [groupe];
        // The gate decides: one may restrict a pad only to a group one reads it in (admins: any).
        if (groups.length > 0 && !can(ctx.viewer, 'pad.write', { visibility, groups })) {
          throw new InvalidInput('Choisissez l’un de vos groupes : vous ne pourriez plus ouvrir ce pad.');
        }
        const updated = await ctx.hub.pads.updateMeta(meta.name, { visibility, groups });
        // People who may no longer see (or type in) the pad leave it now, not at their next reconnection.
        const disconnected = await ctx.hub.pads.revokeAccess(meta.name);
        const message = groups.length > 0 ? `Ce pad est maintenant réservé au groupe ${groups.join(', ')}.` : visibility === 'public' ? 'Ce pad est maintenant public : le collectif peut le lire, les contributeur·ices y écrire.' : 'Ce pad est maintenant réservé à l’équipe.';
        return isForm(ctx) ? redirect(withMessage(padUrl(meta.name), 'ok', message)) : { ...updated, disconnected };
      }, (ctx) => padUrl(ctx.params['name'] ?? '')),
    },
    {
      method: 'POST',
      path: '/api/pads/:name/publish',
      handler: formAware(async (ctx) => {
        const meta = await managedPad(ctx);
        const input = parseInput(PublishPadSchema, ctx.body);
        // A first publication takes the pad's own visibility unless told otherwise: a public pad makes a public page.
        const visibility = input.visibility ?? (meta.publishedPath ? undefined : meta.visibility);
        const target = visibility ?? (meta.publishedPath ? ctx.reader.pageAt(meta.publishedPath)?.meta.visibility : undefined) ?? 'equipe';
        // Publishing renames the pad after the page: a public pad would show a team page's title to everyone.
        if (meta.visibility === 'public' && target === 'equipe') {
          throw new InvalidInput('Un pad public se publie dans une page publique. Pour en faire une page d’équipe, réservez d’abord le pad à l’équipe (« Qui peut voir ce pad ? »).');
        }
        const result = await lock(`pad:${meta.name}`, async () =>
          publishPad({ deps: await padDeps(ctx.hub), name: meta.name, viewer: ctx.viewer, title: input.title, tags: input.tags, visibility }),
        );
        return isForm(ctx) ? redirect(withMessage(padUrl(meta.name), 'ok', result.created ? 'Pad publié dans le wiki.' : 'Page du wiki mise à jour.')) : result;
      }, (ctx) => padUrl(ctx.params['name'] ?? '')),
    },
  ];
}
