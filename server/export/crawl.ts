/** A bounded breadth-first crawl of one site over HTTP, as one viewer (a cookie, or none). */
import { linkedPaths } from './html-links.ts';

/** One fetched address. */
export interface CrawledResource {
  /** `pathname + search` asked. */
  path: string;
  /** HTTP status (redirects are not followed). */
  status: number;
  /** Content-Type header ('' when absent). */
  contentType: string;
  /** Location header of a redirect. */
  location: string | undefined;
  /** Body bytes. */
  body: Buffer;
}

/** Options of `crawlSite`. */
export interface CrawlOptions {
  /** Origin of the site (`http://127.0.0.1:4321`). */
  base: string;
  /** Addresses to start from (`/`, `/sommaire`…). */
  start: Iterable<string>;
  /** Whether to fetch an address found in a page (default: every one). */
  follow?: (path: string) => boolean;
  /** Cookie header sent with every request (a session), none for a visitor. */
  cookie?: string | undefined;
  /** Most addresses fetched. */
  limit?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/** Fetches every reachable same-origin address once; HTML pages are parsed for more. */
export async function crawlSite(options: CrawlOptions): Promise<Map<string, CrawledResource>> {
  const { base, cookie, follow = () => true, limit = 2000, concurrency = 4 } = options;
  const seen = new Map<string, CrawledResource>();
  const queued = new Set<string>();
  const queue: string[] = [];
  const push = (p: string): void => {
    if (queued.has(p) || queued.size >= limit) return;
    queued.add(p);
    queue.push(p);
  };
  for (const p of options.start) push(p);

  async function visit(p: string): Promise<void> {
    const res = await fetch(base + p, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    const location = res.headers.get('location') ?? undefined;
    seen.set(p, { path: p, status: res.status, contentType, location, body });
    if (location) {
      const to = new URL(location, base + p);
      if (to.origin === new URL(base).origin && follow(to.pathname + to.search)) push(to.pathname + to.search);
    }
    if (!contentType.includes('text/html')) return;
    for (const next of linkedPaths(body.toString('utf8'), p, base)) if (follow(next)) push(next);
  }

  // A fixed pool of workers draining one queue: pages found late are still fetched.
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      while (active < concurrency && queue.length > 0) {
        const next = queue.shift() as string;
        active++;
        visit(next).then(
          () => {
            active--;
            pump();
          },
          (error: unknown) => reject(new Error(`Lecture impossible de ${next}`, { cause: error })),
        );
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  return seen;
}
