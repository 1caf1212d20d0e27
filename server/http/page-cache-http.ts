/**
 * Visitors' pages served whole from memory, before Astro: the complete response of a page a
 * visitor asked (no session, no token) is kept under a key made of its address and of everything
 * the page shows — the index version, the history head, the day, a generation bumped by every
 * write and by the hub's events, the public pads or search records where the page shows them —
 * so a change never lets an old page out, and a cached page is never given to a logged-in person.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anonymous, type Viewer } from '../access/viewer.ts';
import type { Hub } from '../hub/create-hub.ts';
import { todayIn } from '../register/register-query.ts';
import { cachedPage, createPageStore, type CachedPage } from './page-cache.ts';
import { cacheableRoute, isVisitorRequest, type CacheableRoute } from './page-cache-routes.ts';

/** Options of createVisitorPageCache. */
export interface VisitorPageCacheOptions {
  /** The hub whose state the pages show. */
  hub: Pick<Hub, 'index' | 'history' | 'historyReady' | 'events' | 'search' | 'forViewer' | 'pads'>;
  /** Bytes of pages kept (default 64 MB). */
  maxBytes?: number;
  /** Bytes of `/recherche` answers kept, apart so searches never push pages out (default 32 MB: a few hundred answers). */
  searchMaxBytes?: number;
  /** Clock (epoch ms), for the day pages like the register count from. */
  now?: () => number;
}

/** A cacheable request that missed: `record` keeps the response Astro is about to write. */
export interface PageSlot {
  /** True when the cached response was sent (nothing else must be written). */
  served: boolean;
  /** Keeps what is written to `res` once it finished, if it is a visitor's 200 page without cookie. */
  record(viewer: Viewer): void;
}

/** Response headers never replayed: they belong to one response or are set again. */
const unreplayed = new Set(['content-length', 'set-cookie', 'etag', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Creates the cache; `afterWrite` and `open` are called by the request handler. */
export function createVisitorPageCache({ hub, maxBytes = 64 << 20, searchMaxBytes = 32 << 20, now = Date.now }: VisitorPageCacheOptions) {
  const stores = { pages: createPageStore({ maxBytes }), search: createPageStore({ maxBytes: searchMaxBytes }) };
  // Comments, renames and publications change what pages show without a new index version.
  let generation = 0;
  const bump = () => void generation++;
  for (const event of ['pages.changed', 'page.renamed', 'pad.published', 'comment.created', 'comment.resolved'] as const) hub.events.on(event, bump);
  // At start the history (authors, dates) and the server-side search (fed a slice at a time) fill
  // in while their version may already be final: pages are kept only once each is built. Only
  // `/recherche` answers show the search: the pages kept meanwhile stay good when it is built.
  const built = { history: false, search: false };
  void hub.historyReady.then(() => {
    built.history = true;
    bump();
  });
  void hub.search.ready.then(() => void (built.search = true));
  let day = { minute: -1, value: '' };
  const today = () => {
    const minute = Math.floor(now() / 60_000);
    if (minute !== day.minute) day = { minute, value: todayIn(new Date(now())) };
    return day.value;
  };

  // Whether a public pad exists changes only through a write (a form, an API call): asked once per generation.
  let publicPads: { generation: number; any: Promise<boolean> } | undefined;
  async function padsStamp(): Promise<string> {
    if (publicPads?.generation !== generation) publicPads = { generation, any: hub.pads.hasPublicPads() };
    if (!(await publicPads.any)) return 'no-pads';
    const { active } = await hub.forViewer(anonymous).padLists();
    return JSON.stringify(active.map((p) => [p.name, p.title, p.updatedAt, p.present.map((who) => who.name)]));
  }

  async function keyOf(req: IncomingMessage, url: URL, route: CacheableRoute): Promise<string> {
    // Astro builds `Astro.url` (printed in the print footer) from these headers.
    const { host, 'x-forwarded-host': fHost, 'x-forwarded-proto': fProto, 'x-forwarded-port': fPort } = req.headers;
    const parts: (string | string[] | number | undefined)[] = [host, fHost, fProto, fPort, url.pathname + url.search, hub.index.version, hub.history.head(), generation, today()];
    if (route.depends.includes('pads')) parts.push(await padsStamp());
    if (route.depends.includes('search')) parts.push(JSON.stringify(hub.search.indexer.stats().audiences.public));
    return parts.map((p) => (Array.isArray(p) ? p.join(',') : String(p ?? ''))).join('\n');
  }

  return {
    /** A request that may change something (any method but GET and HEAD): pages rendered before its end are stale. */
    afterWrite(res: ServerResponse): void {
      bump();
      res.once('close', bump);
    },
    /** For a visitor's cacheable page: sends the cached response, or returns how to keep the one to come. */
    async open(req: IncomingMessage, res: ServerResponse, url: URL): Promise<PageSlot | undefined> {
      const route = isVisitorRequest(req) ? cacheableRoute(url) : undefined;
      if (!route || !built.history || (route.store === 'search' && !built.search)) return undefined;
      const store = stores[route.store];
      // What the page shows could not be told (a store failing): Astro renders it, nothing is kept.
      const key = await keyOf(req, url, route).catch(() => undefined);
      if (key === undefined) return undefined;
      const hit = store.get(key);
      if (hit) {
        send(req, res, hit);
        return { served: true, record: () => undefined };
      }
      if (req.method !== 'GET') return undefined;
      return { served: false, record: (viewer) => capture(res, viewer, (page) => store.set(key, page)) };
    },
    /** Entries and bytes held, per store. */
    size: () => ({ pages: stores.pages.size(), search: stores.search.size() }),
  };
}

/** The page cache of a request handler. */
export type VisitorPageCache = ReturnType<typeof createVisitorPageCache>;

/**
 * Sends a cached response, or 304 when the browser already holds this version: one `writeHead`
 * of the stored header list (nothing set on `res` before it) and one `end` of the stored body.
 */
function send(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const held = req.headers['if-none-match'];
  if (held !== undefined && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag || tag.trim() === '*')) {
    res.writeHead(304, page.notModifiedHead);
    res.end();
    return;
  }
  res.writeHead(page.status, page.head);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

/** Collects the body written to `res`; on a complete visitor's 200 HTML page without a cookie, hands it to `keep`. */
function capture(res: ServerResponse, viewer: Viewer, keep: (page: CachedPage) => void): void {
  if (viewer.person !== undefined || viewer.sessionId !== undefined || viewer.role !== 'visiteur') return;
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') collect(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
  // `finish` only comes after a complete body: a render that failed half-way destroys the response.
  res.once('finish', () => {
    const type = String(res.getHeader('content-type') ?? '');
    if (res.statusCode !== 200 || res.hasHeader('set-cookie') || !/^text\/html/i.test(type)) return;
    const headers = Object.entries(res.getHeaders())
      .filter(([name, value]) => !unreplayed.has(name) && value !== undefined)
      .map(([name, value]) => [name, value] as [string, string | number | readonly string[]]);
    keep(cachedPage(200, headers, Buffer.concat(chunks)));
  });
}
