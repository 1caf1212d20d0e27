/**
 * The layout state of the index: the detected layout, and the address table and outline built
 * from it over the current pages. The index calls `detect` on each refresh (cheap when no marker
 * changed) and `place` after pages changed.
 */
import type { FileStamp } from '../scan-files.ts';
import type { Page } from '../page.ts';
import { slugToUrl, type PagePath, type PageSlug } from '../paths.ts';
import { normaliseAddress } from '../resolve-link.ts';
import { createAddressTable, type AddressMoves, type UpdatableAddressTable } from './addresses.ts';
import { detectLayout } from './detect-layout.ts';
import { readPostName } from './jekyll.ts';
import { buildOutline, type OutlinePage, type OutlineSection } from './outline.ts';
import { isIgnoredPath, plainLayout, type SiteLayout } from './site-layout.ts';

/** Where an address asked for leads: the page, and whether it is the page's own address. */
export interface AddressMatch {
  /** Page path. */
  path: PagePath;
  /** False when the address is an old or path-based one: answer with a redirect to the page's own. */
  canonical: boolean;
}

/** `meta.order` and `redirectsFrom` come from the front matter reader; read them without trusting their shape. */
function orderOf(page: Page): number | undefined {
  const order: unknown = (page.meta as { order?: unknown }).order;
  return typeof order === 'number' && Number.isFinite(order) ? order : undefined;
}

/** What the sommaire's order needs of a page. */
export function outlinePageOf(page: Page): OutlinePage {
  return { path: page.path, title: page.meta.title, order: orderOf(page), date: page.meta.date };
}

/** A Jekyll post takes its date, and its title when it gives none, from its file name. */
export function applyPostName(page: Page): Page {
  const post = readPostName(page.path);
  if (!post) return page;
  page.meta.date ??= post.date;
  const fallback = (page.path.split('/').pop() ?? '').replace(/\.md$/, '').replace(/[-_]+/g, ' ').trim();
  if (page.meta.title.toLowerCase() === fallback.toLowerCase()) page.meta.title = post.title;
  return page;
}

/** Creates the layout state; `readText` reads a repository file (undefined when missing). */
export function createSitePlaces({ readText }: { readText(path: string): Promise<string | undefined> }) {
  let layout: SiteLayout = plainLayout;
  let markersSeen = '';
  let table: UpdatableAddressTable = createAddressTable({ pages: [], layout });

  return {
    /** Detects the layout again when a marker file changed; true when it did. */
    async detect(markers: ReadonlyMap<string, FileStamp>): Promise<boolean> {
      const seen = JSON.stringify([...markers].sort(([a], [b]) => (a < b ? -1 : 1)));
      if (seen === markersSeen) return false;
      markersSeen = seen;
      layout = await detectLayout({ markers: [...markers.keys()], readText });
      return true;
    },
    /** The detected layout. */
    get layout(): SiteLayout {
      return layout;
    },
    /** False for Markdown the layout says is no page (Hugo's `themes/`…). */
    isPage: (path: string) => !isIgnoredPath(layout, path),
    /** Places every page again (the first load, a new layout). */
    placeAll(pages: Iterable<Page>): void {
      table = createAddressTable({ pages, layout });
    },
    /** Places pages added or edited (`upserts`) and `removed`, moving only the addresses they can move; returns what moved. */
    place(change: { upserts: readonly Page[]; removed: readonly PagePath[] }): AddressMoves {
      return table.update(change);
    },
    /** URL of a page at its address (`/wiki/guide` for `docs/guide/README.md`). */
    urlOf: (path: PagePath): string => slugToUrl(table.addressOf(path) as PageSlug),
    /** The page an address (as asked: `guide/`, `guide/install.html`, `guide/install.md`) leads to. */
    match(asked: string): AddressMatch | undefined {
      const address = normaliseAddress(asked.replace(/\.md$/i, ''));
      const served = table.pageAt(address);
      if (served) return { path: served, canonical: normaliseAddress(asked) === address };
      const to = table.redirectFor(address);
      return to ? { path: to, canonical: false } : undefined;
    },
    /** A page at this normalised address, or one an old address leads to (the link resolver's lookup). */
    pageAtAddress: (address: string): PagePath | undefined => table.pageAt(address) ?? table.redirectFor(address),
    /** Sections in order with their pages in order. */
    outline: (pages: readonly Page[]): OutlineSection[] => buildOutline({ pages: pages.map(outlinePageOf), layout }),
  };
}

/** The layout state of an index. */
export type SitePlaces = ReturnType<typeof createSitePlaces>;
