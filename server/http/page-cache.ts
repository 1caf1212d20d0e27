/** Whole responses kept in memory, least recently used first out, bounded by their bytes. */
import { createHash } from 'node:crypto';

/** A header list in `writeHead`'s flat form (`[name, value, name, value…]`): sent as is, no header object per request. */
export type FlatHeaders = (string | string[])[];

/** One response as it was sent: what is needed to send it again byte for byte. */
export interface CachedPage {
  /** HTTP status (only 200 is ever stored). */
  status: number;
  /** Every response header (security headers included), ETag and Content-Length, ready for `writeHead`. */
  head: FlatHeaders;
  /** The same without Content-Length, for a 304. */
  notModifiedHead: FlatHeaders;
  /** The body. */
  body: Buffer;
  /** Strong validator of the body, quoted (`"…"`), for If-None-Match. */
  etag: string;
}

/** A page to keep, its heads built once: `headers` are the response's, without Content-Length, Set-Cookie or ETag. */
export function cachedPage(status: number, headers: [string, string | number | readonly string[]][], body: Buffer): CachedPage {
  const etag = etagOf(body);
  const flat: FlatHeaders = headers.flatMap(([name, value]) => [name, typeof value === 'number' ? String(value) : Array.isArray(value) ? [...(value as string[])] : (value as string)]);
  const notModifiedHead = [...flat, 'etag', etag];
  return { status, head: [...notModifiedHead, 'content-length', String(body.length)], notModifiedHead, body, etag };
}

/** Options of createPageStore. */
export interface PageStoreOptions {
  /** Most bytes of bodies (and keys) kept; the least recently used go first. */
  maxBytes: number;
  /** A single body above this is not kept (default: an eighth of maxBytes). */
  maxEntryBytes?: number;
}

/** A bounded LRU of responses by key. */
export interface PageStore {
  /** The response stored under `key` (and marks it as just used). */
  get(key: string): CachedPage | undefined;
  /** Stores a response; too big ones are ignored. */
  set(key: string, page: CachedPage): void;
  /** Entries and bytes held now. */
  size(): { entries: number; bytes: number };
}

/** Quoted strong ETag of a body: 16 bytes of SHA-1, enough to tell two versions of a page apart. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Creates an empty store. */
export function createPageStore({ maxBytes, maxEntryBytes = Math.floor(maxBytes / 8) }: PageStoreOptions): PageStore {
  // A Map iterates in insertion order: deleting and inserting again on use makes its first key the least recent.
  const entries = new Map<string, CachedPage>();
  let bytes = 0;
  const weigh = (key: string, page: CachedPage) => page.body.length + key.length * 2 + 512;
  const drop = (key: string) => {
    const page = entries.get(key);
    if (!page) return;
    entries.delete(key);
    bytes -= weigh(key, page);
  };
  return {
    get(key) {
      const page = entries.get(key);
      if (!page) return undefined;
      entries.delete(key);
      entries.set(key, page);
      return page;
    },
    set(key, page) {
      drop(key);
      const weight = weigh(key, page);
      if (weight > maxEntryBytes || maxBytes <= 0) return;
      entries.set(key, page);
      bytes += weight;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    size: () => ({ entries: entries.size, bytes }),
  };
}
