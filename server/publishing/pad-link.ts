/**
 * The pad↔page link, derived: a page published from a pad names it in its `pad:` front matter
 * (which moves with the page when it is renamed); the pad side is computed from the index, never
 * stored. The pad database's `published_path` column only says which page a pad was opened from
 * (« Ouvrir en direct ») until that page names the pad.
 */
import type { PadMeta, PadSummary } from '../pads/pad-server.ts';
import type { Page } from '../wiki/page.ts';

/** What the link is derived from: pages by path, and every page. */
export interface PageLookup {
  /** The page at a repository path. */
  get(path: string): Page | undefined;
  /** Every page. */
  all(): Iterable<Page>;
}

/**
 * The page a pad is published to: the page whose `pad:` field names it (wherever it was moved
 * since); before the first publication, the page it was opened from (« Ouvrir en direct »).
 */
export function publishedPageOf(index: PageLookup, pad: { name: string; publishedPath?: string | undefined }): Page | undefined {
  for (const page of index.all()) if (page.meta.pad === pad.name) return page;
  const origin = pad.publishedPath === undefined ? undefined : index.get(pad.publishedPath);
  // The page the pad was opened from may since have been published from another pad.
  return origin && (origin.meta.pad === undefined || origin.meta.pad === pad.name) ? origin : undefined;
}

/** The pad server's reads, as `withPublishedPages` wraps them. */
interface PadReads {
  /** Metadata of a pad. */
  getMeta(name: string): Promise<PadMeta | undefined>;
  /** Every pad. */
  listPads(): Promise<PadSummary[]>;
}

/** The pad server whose `publishedPath` is derived from the pages (see `publishedPageOf`), never the stale stored one. */
export function withPublishedPages<P extends PadReads>(pads: P, index: PageLookup): P {
  const link = <T extends PadMeta>(meta: T, byPad: Map<string, Page>): T => {
    const { publishedPath: origin, ...rest } = meta;
    const page = byPad.get(meta.name) ?? publishedPageOf({ get: (path) => index.get(path), all: () => [] }, { name: meta.name, publishedPath: origin });
    return (page ? { ...rest, publishedPath: page.path } : rest) as T;
  };
  const pagesByPad = (): Map<string, Page> => {
    const byPad = new Map<string, Page>();
    for (const page of index.all()) if (page.meta.pad !== undefined && !byPad.has(page.meta.pad)) byPad.set(page.meta.pad, page);
    return byPad;
  };
  return {
    ...pads,
    async getMeta(name: string) {
      const meta = await pads.getMeta(name);
      return meta && link(meta, pagesByPad());
    },
    async listPads() {
      const byPad = pagesByPad();
      return (await pads.listPads()).map((pad) => link(pad, byPad));
    },
  };
}
