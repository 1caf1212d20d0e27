/** Search helpers for the browser: « Vouliez-vous dire … ? » drawn from what the viewer may read. */
import { z } from 'zod';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';

/** GET /api/suggest?q= — a spelling suggestion from titles, tags and words of readable pages. */
async function suggestRoute({ reader, url }: RouteContext) {
  const q = (url.searchParams.get('q') ?? '').slice(0, 200);
  return { suggestion: reader.suggest(q) };
}

/** Query of GET /api/search. */
export const SearchApiQuery = z.object({
  /** Words searched. */
  q: z.string().trim().max(200).default(''),
  /** Only pages with this tag (label or key). */
  tag: z.string().trim().max(80).optional(),
  /** Only pages of this type. */
  type: z.string().trim().max(40).optional(),
});

/** GET /api/search?q=&tag=&type= — the site's search (/recherche) as JSON, over the pages the viewer may read. */
async function searchRoute({ reader, url }: RouteContext) {
  const query = parseInput(SearchApiQuery, Object.fromEntries(url.searchParams));
  const { results, suggestion } = reader.search(query);
  return { results: results.map(({ page, excerptHtml }) => ({ path: page.path, url: page.url, title: page.meta.title, type: page.meta.type, tags: page.meta.tags, excerptHtml })), suggestion };
}

/** Search routes. */
export const searchRoutes: Route[] = [
  { method: 'GET', path: '/api/suggest', handler: suggestRoute },
  { method: 'GET', path: '/api/search', handler: searchRoute },
];
