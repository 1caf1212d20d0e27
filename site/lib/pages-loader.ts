/** A live content loader over the hub's wiki index, filtered by the viewer's audience. */
import type { LiveLoader } from 'astro/loaders';
import { getSiteHub } from '../../server/site-bridge.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { Audience } from '../../server/auth/viewer.ts';

/** Filter of one page: its slug and who asks. */
export interface PageFilter {
  /** Page slug (`ressources/visio`). */
  slug: string;
  /** Audience of the viewer. */
  audience: Audience;
}

/** Filter of a page list. */
export interface PagesFilter {
  /** Audience of the viewer. */
  audience: Audience;
}

/** The loader; pages a viewer may not read are answered as missing. */
export function pagesLoader(): LiveLoader<Page, PageFilter, PagesFilter> {
  return {
    name: 'gare-pages',
    async loadCollection({ filter }) {
      const hub = getSiteHub();
      const audience = filter?.audience ?? 'public';
      const entries = hub.index
        .all()
        .filter((p) => audience === 'equipe' || p.meta.visibility === 'public')
        .map((p) => ({ id: p.slug, data: p }));
      return { entries };
    },
    async loadEntry({ filter }) {
      const hub = getSiteHub();
      const page = hub.index.getBySlug(filter.slug);
      if (!page || (filter.audience !== 'equipe' && page.meta.visibility !== 'public')) return undefined;
      return { id: page.slug, data: page };
    },
  };
}
