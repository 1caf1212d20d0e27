/** Renders pages through the Markdown pipeline, off the event loop, once per page version and audience. */
import type { LinkDestination, RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { AskedLink } from '../markdown/render-jobs.ts';
import type { RenderPool } from '../markdown/render-pool.ts';
import { audienceFor, audienceReads, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import type { Page } from '../wiki/page.ts';
import { attachmentUrl } from '../wiki/resolve-link.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';

/** Renders a page for an audience (a visibility alone: that base, no groups); the same promise is shared while the page version and its links' targets stay the same. */
export type PageRenderer = (page: Page, audience?: Audience | Visibility) => Promise<RenderedMarkdown>;

/** Creates the renderer over the index; rendering runs in `pool`. */
export function createPageRenderer(index: WikiIndex, pool: RenderPool): PageRenderer {
  // Keyed by `audience.key`: viewers of different groups see different links, so never share a render.
  const cache = new WeakMap<Page, Map<string, { version: number; rendered: Promise<RenderedMarkdown> }>>();
  return function renderPage(page, asked = 'public') {
    const audience = typeof asked === 'string' ? audienceFor(asked) : asked;
    // The page object changes with its file; links depend on other pages' titles, visibility and groups.
    const perAudience = cache.get(page) ?? new Map<string, { version: number; rendered: Promise<RenderedMarkdown> }>();
    const hit = perAudience.get(audience.key);
    if (hit && hit.version === index.linkVersion) return hit.rendered;
    // The index's own resolver, so the page and the index agree on every link.
    const resolve = (link: AskedLink): LinkDestination => {
      const to = index.resolveLink(page.path, link);
      if (to === 'site') return { kind: 'site' };
      // A `![[schema.png]]` names a file found anywhere: its URL is its path's.
      if (to === 'file') return { kind: 'file', url: attachmentUrl(link.kind === 'wiki' ? (index.findFile(link.target) ?? link.target) : link.target) };
      const target = to === undefined ? undefined : index.get(to);
      // A page the audience may not read renders as missing: its title and address never leak.
      if (!target || !audienceReads(audience, target.meta)) return { kind: 'missing' };
      return { kind: 'page', url: index.addressOf(target.path), title: target.meta.title };
    };
    const expected = index.get(page.path) === page ? index.linksOf(page.path).flatMap((l) => (l.kind === 'external' ? [] : [{ kind: l.kind, target: l.target }])) : [];
    const rendered = pool.render({ source: page.body, path: page.path, title: page.meta.title, resolve, expected });
    perAudience.set(audience.key, { version: index.linkVersion, rendered });
    cache.set(page, perAudience);
    return rendered;
  };
}
