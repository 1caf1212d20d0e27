/** Renders pages through the Markdown pipeline, once per page version and audience. */
import { renderMarkdown, type LinkDestination, type RenderedMarkdown } from '../markdown/render-markdown.ts';
import { audienceReads, type Audience } from '../access/policy.ts';
import type { Page } from '../wiki/page.ts';
import { attachmentUrl } from '../wiki/resolve-link.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';

/** Creates `renderPage(page, audience)`; results are kept while the page object (one file version) lives. */
export function createPageRenderer(index: WikiIndex) {
  const cache = new WeakMap<Page, Map<Audience, { version: number; rendered: RenderedMarkdown }>>();
  return function renderPage(page: Page, audience: Audience = 'public'): RenderedMarkdown {
    // The page object changes with its file; links depend on other pages' titles and visibility.
    const perAudience = cache.get(page) ?? new Map<Audience, { version: number; rendered: RenderedMarkdown }>();
    const hit = perAudience.get(audience);
    if (hit && hit.version === index.linkVersion) return hit.rendered;
    const rendered = renderMarkdown({
      source: page.body,
      path: page.path,
      title: page.meta.title,
      resolver: {
        // The index's own resolver, so the page and the index agree on every link.
        resolve(link): LinkDestination {
          const to = index.resolveLink(page.path, link);
          if (to === 'site') return { kind: 'site' };
          if (to === 'file') return { kind: 'file', url: attachmentUrl(link.target) };
          const target = to === undefined ? undefined : index.get(to);
          // A page the audience may not read renders as missing: its title and address never leak.
          if (!target || !audienceReads(audience, target.meta.visibility)) return { kind: 'missing' };
          return { kind: 'page', url: target.url, title: target.meta.title };
        },
      },
    });
    perAudience.set(audience, { version: index.linkVersion, rendered });
    cache.set(page, perAudience);
    return rendered;
  };
}
