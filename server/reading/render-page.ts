/** Renders pages through the Markdown pipeline, off the event loop, once per page version and audience. */
import type { LinkDestination, RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { AskedLink } from '../markdown/render-jobs.ts';
import type { RenderPool } from '../markdown/render-pool.ts';
import { audienceFor, audienceReads, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import type { Page } from '../wiki/page.ts';
import { attachmentUrl } from '../wiki/resolve-link.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import { sameLinks, type RenderCache } from './render-cache.ts';

/** Renders a page for an audience (a visibility alone: that base, no groups); the same promise is shared while the page version and its links' targets stay the same. */
export type PageRenderer = (page: Page, audience?: Audience | Visibility, options?: RenderOptions) => Promise<RenderedMarkdown>;

/** Options of a render beyond the page and audience. */
export interface RenderOptions {
  /** `low`: a background render (after start), run only when no visitor's render waits. */
  priority?: 'low';
  /** The Markdown body, when the caller holds it (an old version); else it is read back (`index.pageSource`). */
  body?: string | undefined;
}

/** Creates the renderer over the index; rendering runs in `pool`, renders are kept in `disk` across restarts when given. */
export function createPageRenderer(index: WikiIndex, pool: RenderPool, disk?: RenderCache): PageRenderer {
  // Keyed by `audience.key`: viewers of different groups see different links, so never share a render.
  const cache = new WeakMap<Page, Map<string, { version: number; rendered: Promise<RenderedMarkdown> }>>();
  return function renderPage(page: Page, asked: Audience | Visibility = 'public', options: RenderOptions = {}) {
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
    const request = async () => ({ source: options.body ?? (await bodyOf(index, page)), path: page.path, title: page.meta.title, expected, ...(options.priority ? { priority: options.priority } : {}) });
    // Keyed by the blob id, which names the text exactly: a render kept on disk needs no file read.
    const key = { source: options.body ?? `blob:${page.blob}`, path: page.path, title: page.meta.title, audience: audience.key };
    const rendered = disk ? fromDisk(disk, key, resolve, async (record) => pool.render({ ...(await request()), resolve: record })) : request().then((r) => pool.render({ ...r, resolve }));
    // A background render goes to disk only: at 100k pages, every render held in memory would weigh gigabytes.
    if (options.priority === 'low' && disk) return rendered;
    perAudience.set(audience.key, { version: index.linkVersion, rendered });
    cache.set(page, perAudience);
    return rendered;
  };
}

/** The page's Markdown body read back (the index keeps none); empty when its file is gone meanwhile. */
async function bodyOf(index: WikiIndex, page: Page): Promise<string> {
  return (await index.pageSource(page))?.body ?? '';
}

/** The stored render when its links still lead where they did; else renders, noting every link asked, and stores it. */
async function fromDisk(
  disk: RenderCache,
  key: Parameters<RenderCache['get']>[0],
  resolve: (link: AskedLink) => LinkDestination,
  render: (resolve: (link: AskedLink) => LinkDestination) => Promise<RenderedMarkdown>,
): Promise<RenderedMarkdown> {
  const stored = await disk.get(key);
  if (stored && sameLinks(stored, resolve)) return stored.rendered;
  const asked = new Map<string, [AskedLink, LinkDestination]>();
  const rendered = await render((link) => {
    const to = resolve(link);
    asked.set(`${link.kind}\u0000${link.target}`, [{ kind: link.kind, target: link.target }, to]);
    return to;
  });
  // A render stopped for time may succeed later, on a less busy machine: not kept.
  if (!rendered.problems.some((p) => p.ruleId === 'gare:too-complex')) disk.set(key, { asked: [...asked.values()], rendered });
  return rendered;
}
