/**
 * Page texts read back on demand: the index keeps no page body in memory (about 2 MB per 1,000
 * pages, 200 MB at 100,000). A page's file is read again from the working copy when its content
 * still has the blob id the index parsed, else from git by that id (the page as it was before a
 * change); recent texts stay in a small cache bounded by bytes.
 */
import { blobIdOf } from './blob-id.ts';
import { readContentText } from '../git/content-files.ts';
import { readBlobText } from '../git/read-blob.ts';
import { createLimit, fileReadConcurrency, type Limit } from '../util/limit.ts';
import { splitFrontMatter } from './front-matter.ts';
import type { Page } from './page.ts';

/** Pages larger than this are indexed by title only (their body is not read into memory). */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** A page's text: the whole file, and its Markdown body without front matter. */
export interface PageSource {
  /** The whole file as stored. */
  source: string;
  /** Markdown body without front matter. */
  body: string;
}

/** The text standing for a page too large to read: a title and a note, never the file. */
export function oversizedSource(path: string, size: number): string {
  return `---\ntitle: ${JSON.stringify(path)}\n---\n\n*Page trop volumineuse (${Math.round(size / 1e6)} Mo) : elle n’est pas affichée.*\n`;
}

/** Options of `createPageSources`. */
export interface PageSourcesOptions {
  /** Content folder. */
  dir: string;
  /** Bounds the file reads in flight (the index's read bound). */
  reads?: Limit | undefined;
  /** Bytes of text kept (least recently used out first); 16 MB by default. */
  maxBytes?: number | undefined;
}

/** Page texts read back, with their cache. */
export type PageSources = ReturnType<typeof createPageSources>;

/** Creates the reader of page texts over `dir`. */
export function createPageSources({ dir, reads = createLimit(fileReadConcurrency), maxBytes = 16 * 1024 * 1024 }: PageSourcesOptions) {
  // Keyed by blob id: an entry can never be stale, and a page renamed without change is still there.
  const cache = new Map<string, PageSource>();
  const pending = new Map<string, Promise<PageSource | undefined>>();
  let bytes = 0;
  const counters = { fileReads: 0, blobReads: 0, hits: 0 };
  const weigh = (s: PageSource): number => (s.source.length + s.body.length) * 2;

  function keep(blob: string, value: PageSource): void {
    if (weigh(value) > maxBytes / 4) return;
    cache.set(blob, value);
    bytes += weigh(value);
    for (const [key, old] of cache) {
      if (bytes <= maxBytes) break;
      cache.delete(key);
      bytes -= weigh(old);
    }
  }

  async function load(page: Page, current: boolean): Promise<PageSource | undefined> {
    counters.fileReads++;
    const text = await reads(() => readContentText(dir, page.path));
    if (text !== undefined && blobIdOf(text) === page.blob) return withBody(text);
    counters.blobReads++;
    const stored = await readBlobText(dir, page.blob);
    if (stored !== undefined) return withBody(stored);
    // Edited again outside any commit since the index read it: the newest text is the page's.
    return current && text !== undefined ? withBody(text) : undefined;
  }

  return {
    /**
     * The text of `page` as the index parsed it; `current`: the page is the index's own (not the
     * `before` of a change), so a file edited since is still worth returning. Undefined: gone.
     */
    async read(page: Page, current: boolean): Promise<PageSource | undefined> {
      if (page.size > MAX_PAGE_BYTES) return withBody(oversizedSource(page.path, page.size));
      const hit = cache.get(page.blob);
      if (hit) {
        counters.hits++;
        cache.delete(page.blob);
        cache.set(page.blob, hit);
        return hit;
      }
      const waiting = pending.get(page.blob);
      if (waiting) return waiting;
      const loading = load(page, current)
        .then((value) => {
          if (value !== undefined && blobIdOf(value.source) === page.blob) keep(page.blob, value);
          return value;
        })
        .finally(() => pending.delete(page.blob));
      pending.set(page.blob, loading);
      return loading;
    },
    /** Files and blobs read, cache hits: for tests and the benchmark. */
    get counters(): Readonly<typeof counters> {
      return { ...counters };
    },
    /** Bytes of text held by the cache. */
    get bytes(): number {
      return bytes;
    },
  };
}

function withBody(source: string): PageSource {
  return { source, body: splitFrontMatter(source).body };
}
