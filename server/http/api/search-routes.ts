/** Search helpers for the browser: « Vouliez-vous dire … ? » drawn from what the viewer may read. */
import type { Route, RouteContext } from '../router.ts';

/** GET /api/suggest?q= — a spelling suggestion from titles, tags and words of readable pages. */
async function suggestRoute({ reader, url }: RouteContext) {
  const q = (url.searchParams.get('q') ?? '').slice(0, 200);
  return { suggestion: reader.suggest(q) };
}

/** Search routes. */
export const searchRoutes: Route[] = [{ method: 'GET', path: '/api/suggest', handler: suggestRoute }];
