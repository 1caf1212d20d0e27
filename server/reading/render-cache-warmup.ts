/**
 * After start, every page is rendered in the background (public audience first, then the team),
 * at low priority in the worker pool and one at a time, into the disk cache, so a first view reads
 * its render back instead of running the pipeline. Renders already on disk (a restart) are only
 * checked, not rendered again.
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
  /** Renders in flight at once (default 1: one worker of the pool stays free for visitors whatever the load). */
  concurrency?: number;
}

/** Renders every page for the public, then for the team (groups' pages are left to their first view); resolves with the count. */
export async function warmRenders({ pages, render, signal, concurrency = 1 }: WarmRendersOptions): Promise<number> {
  let done = 0;
  for (const audience of [audienceFor('public'), audienceFor('equipe')]) {
    const todo = pages().filter((p) => audienceReads(audience, p.meta));
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!signal.aborted && next < todo.length) {
        const page = todo[next++] as Page;
        await render(page, audience, { priority: 'low' }).catch(() => undefined);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }
  return done;
}
