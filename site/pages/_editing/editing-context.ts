/**
 * What the editing pages (modifier, historique, comparer, version) share on the server side:
 * finding the page behind a URL as the viewer may see it, and read-only editing dependencies.
 * Every answer goes through site/lib/visible.ts: a page the viewer may not read is « not found ».
 */
import { createEditingDeps, type EditingDeps } from '../../../server/editing/editing-deps.ts';
import type { Page } from '../../../server/wiki/page.ts';
import { canWrite, visiblePage, type SiteLocals } from '../../lib/visible.ts';

/** Read-only editing dependencies (history, versions, diffs); writes go through the API and its lock. */
export function readDepsOf(locals: SiteLocals): EditingDeps {
  return createEditingDeps(locals.hub);
}

/** The slug after `/modifier/`, `/historique/`… without trailing slashes. */
export function slugParam(param: string | undefined): string {
  return (param ?? '').replace(/\/+$/, '');
}

/** The visible page of a slug (a folder slug falls back to its `index` page), or undefined. */
export async function pageOfSlug(locals: SiteLocals, slug: string): Promise<Page | undefined> {
  if (!slug) return undefined;
  return (await visiblePage(locals, slug)) ?? (await visiblePage(locals, `${slug}/index`));
}

/** What a page of the editing area may show for a slug. */
export type PageAccess =
  | { kind: 'ok'; page: Page; writable: boolean }
  | { kind: 'login'; page: Page }
  | { kind: 'missing' };

/**
 * The page and what the viewer may do with it. `needWrite`: a visitor is invited to log in (only
 * for public pages, the others do not exist for them); a logged-in reader without rights gets
 * « missing » too, the page view already tells them they cannot edit.
 */
export async function accessOf(locals: SiteLocals, slug: string, needWrite: boolean): Promise<PageAccess> {
  const page = await pageOfSlug(locals, slug);
  if (!page) return { kind: 'missing' };
  const writable = canWrite(locals, page);
  if (needWrite && !writable) return locals.viewer?.person ? { kind: 'missing' } : { kind: 'login', page };
  return { kind: 'ok', page, writable };
}

/** `/wiki/ressources/visio` → `/ressources/visio`: the tail shared by the editing URLs of a page. */
export function tailOf(page: Page): string {
  return page.url.slice('/wiki'.length);
}

/** The login page, coming back to `here` afterwards. */
export function loginUrl(here: URL): string {
  return `/connexion?retour=${encodeURIComponent(here.pathname + here.search)}`;
}

/** The latest commit of a page: the version an edit starts from. */
export function latestVersionOf(locals: SiteLocals, page: Page): string | undefined {
  return locals.hub.history.historyOf(page.path)[0]?.oid;
}
