/**
 * The one gate between the wiki and what a viewer sees. Every list, count, tag, backlink, recent
 * change and suggestion of the site goes through here: a team page never reaches a visitor.
 */
import { getLiveCollection, getLiveEntry } from 'astro:content';
import { anonymous, audienceOf, canRead, type Audience, type Viewer } from '../../server/auth/viewer.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { BrokenLink } from '../../server/wiki/link-graph.ts';
import { findLinks } from '../../server/wiki/links.ts';
import { resolveRelative } from '../../server/wiki/paths.ts';
import type { TagInfo } from '../../server/wiki/tags.ts';

/** What the site needs from `Astro.locals`. */
export type SiteLocals = Pick<App.Locals, 'hub' | 'viewer'>;

/** The viewer of a request (anonymous when the server passed none). */
export function viewerOf(locals: SiteLocals): Viewer {
  return locals.viewer ?? anonymous;
}

/** The audience of the request's viewer. */
export function audienceOfLocals(locals: SiteLocals): Audience {
  return audienceOf(viewerOf(locals));
}

/** True for team members and admins. */
export function isTeam(locals: SiteLocals): boolean {
  return audienceOfLocals(locals) === 'equipe';
}

/** True when the viewer may read this page. */
export function canSee(locals: SiteLocals, page: Page | undefined): page is Page {
  return !!page && canRead(viewerOf(locals), page.meta.visibility);
}

/** True when the viewer may edit the page and read its history (contributors: public pages only). */
export function canWrite(locals: SiteLocals, page: Page): boolean {
  const role = viewerOf(locals).role;
  if (role === 'equipe' || role === 'admin') return true;
  return role === 'contributeur' && page.meta.visibility === 'public';
}

/** Every page the viewer may read, through the live collection (filtered twice on purpose). */
export async function visiblePages(locals: SiteLocals): Promise<Page[]> {
  const { entries, error } = await getLiveCollection('pages', { audience: audienceOfLocals(locals) });
  if (error) console.error('[site] lecture des pages impossible', error);
  return (entries ?? []).map((e) => e.data).filter((p) => canSee(locals, p));
}

/** A visible page by slug, or undefined (missing and forbidden look the same). */
export async function visiblePage(locals: SiteLocals, slug: string): Promise<Page | undefined> {
  const { entry } = await getLiveEntry('pages', { slug, audience: audienceOfLocals(locals) });
  const page = entry?.data;
  return canSee(locals, page) ? page : undefined;
}

/** A visible page by repository path. */
export function visibleByPath(locals: SiteLocals, path: string): Page | undefined {
  const page = locals.hub?.index.get(path);
  return canSee(locals, page) ? page : undefined;
}

/** Visible pages linking to this page. */
export function visibleBacklinks(locals: SiteLocals, page: Page): Page[] {
  return (locals.hub?.index.backlinks(page.path) ?? []).filter((p) => canSee(locals, p));
}

/**
 * Broken links found in pages the viewer may read. For a visitor, a link to a team page is broken
 * too (the page view renders it as missing): listing it apart would reveal the team page.
 */
export function visibleBrokenLinks(locals: SiteLocals, pages: Page[]): (BrokenLink & { page: Page })[] {
  const index = locals.hub?.index;
  if (!index) return [];
  const out: (BrokenLink & { page: Page })[] = [];
  for (const link of index.brokenLinks()) {
    const page = visibleByPath(locals, link.from);
    if (page) out.push({ ...link, page });
  }
  if (isTeam(locals)) return out;
  for (const page of pages) {
    for (const link of findLinks(page.body)) {
      if (link.kind === 'external') continue;
      const target =
        link.kind === 'wiki'
          ? index.findByTitle(link.target)
          : ((p) => (p === undefined ? undefined : (index.get(p) ?? index.get(`${p}.md`) ?? index.get(`${p.replace(/\/$/, '')}/index.md`))))(resolveRelative(page.path, link.target));
      if (target && !canSee(locals, target)) out.push({ from: page.path, target: link.target, kind: link.kind, page });
    }
  }
  return out;
}

/**
 * Visible pages that no visible page links to. A public page linked only from a team page counts
 * as an orphan for a visitor: saying otherwise would reveal the team page.
 */
export function visibleOrphans(locals: SiteLocals, pages: Page[]): Page[] {
  return pages.filter((p) => visibleBacklinks(locals, p).length === 0);
}

/** Tags counted over visible pages only, most used first. */
export function visibleTags(locals: SiteLocals, pages: Page[]): TagInfo[] {
  return locals.hub?.index.tags(pages) ?? [];
}
