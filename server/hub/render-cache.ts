/** Renders pages through the Markdown pipeline, once per page version and audience. */
import { renderMarkdown, type RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { Audience } from '../auth/viewer.ts';
import type { Page } from '../wiki/page.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';

/** Creates `renderPage(page, audience)`; results are kept while the page object (one file version) lives. */
export function createPageRenderer(index: WikiIndex) {
  const cache = new WeakMap<Page, Map<Audience, { version: number; rendered: RenderedMarkdown }>>();
  return function renderPage(page: Page, audience: Audience = 'public'): RenderedMarkdown {
    // The page object changes with its file; links depend on other pages' titles and visibility.
    const perAudience = cache.get(page) ?? new Map();
    const hit = perAudience.get(audience);
    if (hit && hit.version === index.linkVersion) return hit.rendered;
    // A link to a page the audience may not read renders as missing: its title and address never leak.
    const visible = (p: Page | undefined) => (p && (audience === 'equipe' || p.meta.visibility === 'public') ? p : undefined);
    const rendered = renderMarkdown({
      source: page.body,
      path: page.path,
      resolver: {
        wikiLink(title) {
          const target = visible(index.findByTitle(title));
          return target ? { url: target.url, title: target.meta.title } : undefined;
        },
        repoPath(p) {
          const target = visible(index.get(p) ?? index.get(`${p}.md`));
          if (target) return target.url;
          return /\.[a-z0-9]{2,5}$/i.test(p) && !p.endsWith('.md') ? `/fichiers/${p.split('/').map(encodeURIComponent).join('/')}` : undefined;
        },
      },
    });
    perAudience.set(audience, { version: index.linkVersion, rendered });
    cache.set(page, perAudience);
    return rendered;
  };
}
