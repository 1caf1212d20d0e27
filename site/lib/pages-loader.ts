/** A live content loader over the viewer's reader: it can only return what that viewer may read. */
import type { LiveLoader } from 'astro/loaders';
import type { Page } from '../../server/wiki/page.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';

/** Filter of one page: its slug and the reader of who asks. */
export interface PageFilter {
  /** Page slug (`ressources/visio`); a folder slug gives its `index` page. */
  slug: string;
  /** The viewer's reader (from `Astro.locals.reader`). */
  reader: WikiReader;
}

/** Filter of a page list. */
export interface PagesFilter {
  /** The viewer's reader (from `Astro.locals.reader`). */
  reader: WikiReader;
}

/** The loader; the hub reaches it through the filter, so no global holds the hub. */
export function pagesLoader(): LiveLoader<Page, PageFilter, PagesFilter> {
  return {
    name: 'gare-pages',
    async loadCollection({ filter }) {
      if (!filter) return { entries: [] };
      return { entries: filter.reader.pages().map((p) => ({ id: p.slug, data: p })) };
    },
    async loadEntry({ filter }) {
      const page = filter.reader.page(filter.slug);
      return page ? { id: page.slug, data: page } : undefined;
    },
  };
}
