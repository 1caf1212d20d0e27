/**
 * After start, every page is rendered in the background (public audience first, then the team),
 * one at a time into the disk cache, so a first view reads its render back instead of running
 * the pipeline. The pages visitors open first go first: the most linked to (the home's and the
 * sommaire's links among them). Each render waits for a turn of the idle-work scheduler, so
 * while visitors are served the warm-up mostly waits; a visitor's own render never queues behind
 * it (the pool runs background renders only when no other waits). Renders already on disk (a
 * restart) are only checked, not rendered again.
 */
import { audienceFor, audienceReads, type Audience } from '../access/policy.ts';
import type { RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { Page } from '../wiki/page.ts';
import type { RenderOptions } from './render-page.ts';

/** Options of warmRenders. */
export interface WarmRendersOptions {
  /** The pages, as the index has them now. */
  pages(): Page[];
  /** The hub's renderer (memoised in memory, stored on disk). */
  render(page: Page, audience: Audience, options: RenderOptions): Promise<RenderedMarkdown>;
  /** Stops the warm-up (the hub closes). */
  signal: AbortSignal;
  /** How likely a page is to be viewed soon (e.g. how many pages link to it): higher first. */
  rank?: (page: Page) => number;
  /** Waits for a moment when no visitor is being served (the hub's idle-work scheduler), `weight` slices' worth. */
  turn?: (weight?: number) => Promise<void>;
  /** Renders in flight at once (default 1: one worker of the pool stays free for visitors whatever the load). */
  concurrency?: number;
}

/**
 * Slices' worth of CPU one render takes (10–20 ms in a worker thread, against 5 ms slices): while
 * visitors are served, the warm-up starts a render only every `renderWeight` floor turns.
 */
const renderWeight = 4;

/** The pages of `all` an audience reads, most likely to be viewed first. */
export function warmOrder(all: readonly Page[], audience: Audience, rank: ((page: Page) => number) | undefined): Page[] {
  const todo = all.filter((p) => audienceReads(audience, p.meta));
  if (!rank) return todo;
  const ranks = new Map(todo.map((p) => [p, rank(p)]));
  // Stable: pages of equal rank keep the index's order.
  return todo.sort((a, b) => (ranks.get(b) as number) - (ranks.get(a) as number));
}

/** Renders every page for the public, then for the team (groups' pages are left to their first view); resolves with the count. */
export async function warmRenders({ pages, render, signal, rank, turn = async () => undefined, concurrency = 1 }: WarmRendersOptions): Promise<number> {
  let done = 0;
  for (const audience of [audienceFor('public'), audienceFor('equipe')]) {
    const todo = warmOrder(pages(), audience, rank);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!signal.aborted && next < todo.length) {
        await turn(renderWeight);
        if (signal.aborted) return;
        const page = todo[next++] as Page;
        await render(page, audience, { priority: 'low' }).catch(() => undefined);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }
  return done;
}
