/** « Ouvrir en direct »: a pad seeded from an existing page, published back to the same page. */
import { can, requireAllowed } from '../access/policy.ts';
import { type Viewer } from '../access/viewer.ts';
import { PageNotFound } from '../errors.ts';
import type { PadMeta, PadMetaPatch, PadSummary } from '../pads/pad-server.ts';
import type { Page } from '../wiki/page.ts';
import { slugify } from '../wiki/paths.ts';
import { pageToPadText } from './pad-page.ts';

/** What opening a page as a pad needs from the hub. */
export interface OpenPageDeps {
  /** The pad server. */
  pads: {
    getMeta(name: string): Promise<PadMeta | undefined>;
    seedText(name: string, text: string, meta?: PadMetaPatch): Promise<boolean>;
    setText(name: string, text: string): Promise<void>;
    updateMeta(name: string, patch: PadMetaPatch): Promise<PadMeta>;
    listPads(): Promise<PadSummary[]>;
  };
  /** Pages by repository path. */
  index: { get(path: string): Page | undefined; pageSource(page: Page): Promise<{ body: string } | undefined> };
  /** Date (ms) of the last commit of a page, if known. */
  lastChangeOf(path: string): number | undefined;
}

/** Options of openPageAsPad. */
export interface OpenPageAsPadOptions {
  /** Hub parts. */
  deps: OpenPageDeps;
  /** Repository path of the page. */
  path: string;
  /** Who asks. */
  viewer: Viewer;
}

/**
 * Returns the name of the page's pad, creating it from the page's current body. A pad already
 * linked to the page is reused; if the page changed since and nobody is in the pad, its text is
 * refreshed from the page so that publishing does not undo the later edit.
 */
export async function openPageAsPad({ deps, path, viewer }: OpenPageAsPadOptions): Promise<string> {
  const page = deps.index.get(path);
  if (!page || !can(viewer, 'page.read', page.meta)) throw new PageNotFound('Cette page n’existe pas (ou plus).');
  requireAllowed(viewer, can(viewer, 'pad.write', page.meta) && can(viewer, 'pad.write', { visibility: 'equipe' }));
  const text = pageToPadText({ title: page.meta.title, body: (await deps.index.pageSource(page))?.body ?? '' });
  // The page names its pad (`pad:`, kept when the page is renamed): that pad is the one to reopen.
  const linked = page.meta.pad === undefined ? undefined : await deps.pads.getMeta(page.meta.pad);
  const base = linked?.publishedPath === path ? linked.name : slugify(page.slug.split('/').pop() ?? page.slug, 76);
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const meta = await deps.pads.getMeta(name);
    if (meta && meta.publishedPath !== path) continue;
    if (meta) {
      const summary = (await deps.pads.listPads()).find((p) => p.name === name);
      const changedAt = deps.lastChangeOf(path) ?? 0;
      if ((summary?.present.length ?? 0) === 0 && changedAt > meta.updatedAt) await deps.pads.setText(name, text);
      if (meta.archived) await deps.pads.updateMeta(name, { archived: false });
      return name;
    }
    if (await deps.pads.seedText(name, text, { title: page.meta.title, publishedPath: path })) return name;
  }
  throw new Error(`No free pad name for ${path}`);
}
