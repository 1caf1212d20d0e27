/**
 * Threads follow their page: removed with it, moved with a rename (a web rename, or a `git mv`
 * seen as a page gone and a like page come in one change), and carried from a pad to the page it
 * is published into — unless the page is readable by people the pad is not (a team pad published
 * as a public page): words written for the team stay on the pad then.
 */
import { audienceFor, can, type Resource } from '../access/policy.ts';
import { groupKeys } from '../access/groups.ts';
import { roles } from '../access/viewer.ts';
import type { HubEvents, PageChange } from '../events/hub-events.ts';
import { lineSimilarity } from '../git/similarity.ts';
import type { PageRenderer } from '../reading/render-page.ts';
import type { Page } from '../wiki/page.ts';
import { contextOf, locatePassage } from './anchoring.ts';
import type { CommentStore } from './comment-store.ts';
import { anchorTextOf } from './comment-views.ts';

/** A moved page keeps at least this share of its lines (the rename's own « together » measure). */
const SAME_PAGE = 0.75;

/** What the wiring listens to and reads. */
export interface CommentWiringOptions {
  /** The hub's event bus. */
  events: HubEvents;
  /** Threads and comments. */
  store: CommentStore;
  /** Pages by repository path. */
  index: { get(path: string): Page | undefined; pageSource(page: Page): Promise<{ source: string } | undefined> };
  /** Renders a page (to find carried passages again). */
  renderPage: PageRenderer;
  /** Pad metadata (who reads a pad). */
  pads: { getMeta(name: string): Promise<Resource | undefined> };
}

/** True when everyone who may read `page` may read `pad`: carrying the pad's threads tells nobody new. */
export function noMoreOpen(page: Resource, pad: Resource): boolean {
  const keys = groupKeys([...(page.groups ?? []), ...(pad.groups ?? [])]);
  const askers = roles.flatMap((role) => [[], ...keys.map((k) => [k])].map((groups) => ({ role, groups })));
  return askers.every((asker) => !can(asker, 'page.read', page) || can(asker, 'pad.read', pad));
}

/** Pairs each removed page with a like page added in the same change (a move made in a terminal); texts are read back. */
async function movesIn(changes: PageChange[], textOf: (page: Page) => Promise<string>): Promise<{ moved: Map<string, string>; removed: string[] }> {
  const added = changes.filter((c) => c.before === undefined && c.after !== undefined);
  const moved = new Map<string, string>();
  const removed: string[] = [];
  const gone = changes.filter((c) => c.after === undefined && c.before !== undefined);
  // Read only when a page was both removed and added: an ordinary edit reads nothing.
  const addedTexts = gone.length > 0 ? await Promise.all(added.map((c) => textOf(c.after as Page))) : [];
  for (const g of gone) {
    const goneText = await textOf(g.before as Page);
    const k = goneText === '' ? -1 : added.findIndex((c, i) => ![...moved.values()].includes(c.path) && lineSimilarity(goneText, addedTexts[i] ?? '') >= SAME_PAGE);
    const like = added[k];
    if (like) moved.set(g.path, like.path);
    else removed.push(g.path);
  }
  return { moved, removed };
}

/** Starts listening; answers a function that stops. */
export function wireComments({ events, store, index, renderPage, pads }: CommentWiringOptions): () => void {
  async function carry(name: string, path: string): Promise<void> {
    const pad = await pads.getMeta(name);
    const page = index.get(path);
    if (!pad || !page || !noMoreOpen(page.meta, pad)) return;
    const moved = await store.move({ kind: 'pad', target: name }, { kind: 'page', target: path });
    if (moved.length === 0) return;
    const text = anchorTextOf((await renderPage(page, audienceFor('equipe', 'all'))).html).text;
    for (const id of moved) {
      const t = await store.thread(id);
      if (t?.anchor_kind !== 'passage' || !t.anchor_quote) continue;
      const match = locatePassage(text, { quote: t.anchor_quote, prefix: t.anchor_prefix ?? '', suffix: t.anchor_suffix ?? '' });
      if (match) await store.reanchor(id, contextOf(text, match));
    }
  }

  const stops = [
    events.on('pages.changed', async ({ changes }) => {
      const { moved, removed } = await movesIn(changes, async (page) => (await index.pageSource(page))?.source ?? '');
      for (const [from, to] of moved) await store.move({ kind: 'page', target: from }, { kind: 'page', target: to });
      for (const path of removed) await store.removeAll({ kind: 'page', target: path });
    }),
    events.on('page.renamed', async ({ from, to }) => {
      await store.move({ kind: 'page', target: from }, { kind: 'page', target: to });
    }),
    events.on('pad.published', ({ pad, path }) => carry(pad, path)),
  ];
  return () => stops.forEach((stop) => stop());
}
