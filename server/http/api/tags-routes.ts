/** Tag renames and aliases (team only): JSON for scripts, 303 redirects for the tag pages' forms. */
import type { EditingService } from '../../editing/editing-service.ts';
import { addTagAlias, deleteTagAlias } from '../../tags/alias-tag.ts';
import { renameTag } from '../../tags/rename-tag.ts';
import { AddAliasInput, DeleteAliasInput, RenameTagInput } from '../../tags/tag-inputs.ts';
import { tagUrl } from '../../wiki/paths.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { isFormPost } from './auth-respond.ts';
import { formPost, textField } from './form-posts.ts';

type Handler = (ctx: RouteContext, deps: EditingService) => Promise<unknown>;

/** POST /api/tags/rename — answers `{ renamed, tag: { key, label, url } }`. */
const rename: Handler = async (ctx, deps) => {
  const input = parseInput(RenameTagInput, ctx.body);
  // An unticked checkbox sends nothing: for a form, absent means « do not keep ».
  const keepAlias = input.keepAlias ?? !isFormPost(ctx);
  const { renamed, tag } = await renameTag({ deps, viewer: ctx.viewer, from: input.from, to: input.to, keepAlias });
  return { renamed, tag };
};

/** POST /api/tags/alias — answers `{ from, tag }`. */
const alias: Handler = async (ctx, deps) => {
  const input = parseInput(AddAliasInput, ctx.body);
  const { from, tag } = await addTagAlias({ deps, viewer: ctx.viewer, ...input });
  return { from, tag };
};

/** POST /api/tags/alias/delete — answers `{ from, tag }` (the tag it used to lead to). */
const unalias: Handler = async (ctx, deps) => {
  const input = parseInput(DeleteAliasInput, ctx.body);
  const { from, tag } = await deleteTagAlias({ deps, viewer: ctx.viewer, ...input });
  return { from, tag };
};

/** GET /api/tags — the tags of the pages the viewer may read, with how many pages carry each. */
async function listTags(ctx: RouteContext): Promise<unknown> {
  return { tags: ctx.reader.tags().map((t) => ({ key: t.key, label: t.label, pages: t.pages.length, aliases: t.aliases, url: tagUrl(t.key) })) };
}

/** The tag routes; renames and aliases write through the hub's one editing service. */
export function createTagRoutes(): Route[] {
  const bind = (fn: Handler) => (ctx: RouteContext) => fn(ctx, ctx.hub.editing);
  const tagUrl = (r: Record<string, unknown>) => textField(r['tag'] as Record<string, unknown> | undefined, 'url', '/tags');
  return [
    { method: 'GET', path: '/api/tags', handler: listTags },
    { method: 'POST', path: '/api/tags/rename', handler: formPost(bind(rename), { to: tagUrl, ok: 'Étiquette renommée.' }) },
    { method: 'POST', path: '/api/tags/alias', handler: formPost(bind(alias), { to: () => '/tags', ok: 'Alias ajouté.' }) },
    { method: 'POST', path: '/api/tags/alias/delete', handler: formPost(bind(unalias), { to: () => '/tags', ok: 'Alias supprimé.' }) },
  ];
}
