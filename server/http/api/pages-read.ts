/** Read-only page API: lists and single pages, as the viewer may see them. */
import { PageNotFound } from '../../errors.ts';
import type { RouteContext } from '../router.ts';
import type { Page } from '../../wiki/page.ts';

/** A page as the API shows it in lists. */
function summary(page: Page) {
  return { path: page.path, url: page.url, title: page.meta.title, aliases: page.meta.aliases, permalink: page.permalink, type: page.meta.type, tags: page.meta.tags, date: page.meta.date, visibility: page.meta.visibility };
}

/** Finds a page the viewer may read, or answers as if it did not exist. */
export function readablePage({ reader }: Pick<RouteContext, 'reader'>, slug: string | undefined): Page {
  const page = slug ? reader.page(slug) : undefined;
  if (!page) throw new PageNotFound('Cette page n’existe pas (ou plus).');
  return page;
}

/** GET /api/pages — every page the viewer may read. */
export async function listPagesRoute(ctx: RouteContext) {
  return { pages: ctx.reader.pages().map(summary) };
}

/** GET /api/pages/:slug+ — one page with its source. */
export async function getPageRoute(ctx: RouteContext) {
  const page = readablePage(ctx, ctx.params['slug']);
  const text = await ctx.reader.pageSource(page);
  if (!text) throw new PageNotFound('Cette page n’existe pas (ou plus).');
  return { ...summary(page), meta: page.meta, source: text.source, version: ctx.reader.latestVersion(page) };
}
