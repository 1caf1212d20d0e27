/** Which requests may be answered with a visitor's cached page, and what else their page depends on. */
import type { IncomingMessage } from 'node:http';

/** What a cacheable page depends on beyond the index, the history and the day. */
export type PageDependency = 'pads' | 'search';

/** A cacheable page: which store it goes to and its extra dependencies. */
export interface CacheableRoute {
  /** `search` pages go to their own, smaller store: any query is a new key. */
  store: 'pages' | 'search';
  /** Extra state the page shows. */
  depends: readonly PageDependency[];
}

const none: readonly PageDependency[] = [];

/**
 * True when the request comes from a visitor: no Authorization header, no cookie of ours. A
 * session cookie makes a logged-in viewer; our other cookies (a link to show once, a login under
 * way) change what a page shows, so they are never answered from the cache either.
 */
export function isVisitorRequest(req: IncomingMessage): boolean {
  if (req.headers.authorization !== undefined) return false;
  const cookie = req.headers.cookie;
  return cookie === undefined || !/(?:^|;)\s*gare_/.test(cookie);
}

/**
 * The pages a visitor reads most, which show nothing of the request but its address: the home
 * portal, wiki pages, the lists, the help and the no-JavaScript search. Pads (people there right
 * now), forms, history and account pages are always rendered.
 */
export function cacheableRoute(url: URL): CacheableRoute | undefined {
  const p = url.pathname;
  // The home portal and the sommaire show the public pads en cours and who is in them.
  if (p === '/' || p === '/sommaire') return { store: 'pages', depends: ['pads'] };
  if (p.startsWith('/wiki/') || p === '/tags' || p.startsWith('/tags/') || p === '/registre' || p === '/aide' || p.startsWith('/aide/')) return { store: 'pages', depends: none };
  // « Les 7 derniers jours » counts from the current time: only the list without a period is stable.
  if (p === '/modifications' && !url.searchParams.has('periode')) return { store: 'pages', depends: none };
  // Results follow the search records, which the indexer updates after the index.
  if (p === '/recherche' && url.search.length <= 300) return { store: 'search', depends: ['search'] };
  return undefined;
}
