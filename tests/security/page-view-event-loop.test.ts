/**
 * Issue 9, item 2: one contributeur's page must not freeze the hub. A page of 40,000 `[` took
 * 3–4.5 s per view (the meta description's plain text), and every other request waited. Each
 * pathological page is committed to a real hub (in this process), then viewed while the main thread's
 * work is measured (see eventLoopWork): it must stay under the 100 ms.
 *
 * The first view of a page version renders its Markdown (then cached per version, see
 * server/reading/render-page.ts): the pipeline runs in a worker thread (server/markdown/render-pool.ts),
 * so that first view is measured too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLoopWork } from '../helpers/event-loop-work.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { pathologicalBodies } from '../wiki/pathological-inputs.ts';

let gare: TestHub;

beforeAll(async () => {
  gare = await startTestHub();
  // One ordinary view first: the first request of a fresh hub also compiles the site's routes and
  // starts the render workers (107 ms once, on a loaded machine) — a cost of starting, not of the page.
  await (await fetch(new URL('/wiki/ressources/animer-un-atelier', gare.url))).text();
});
afterAll(() => gare?.stop());

const worst = new Set(['opening brackets', 'nested links', 'wiki links with a bar', 'mixed']);
const cases = [
  ...pathologicalBodies([40_000]),
  ...pathologicalBodies([200_000]).filter((c) => worst.has(c.name)),
];

/** Commits a public page with `body` and returns its address. */
async function commitPage(slug: string, body: string): Promise<string> {
  const content = `---\ntitle: Piège ${slug}\ntype: ressource\nvisibility: public\n---\n${body}\n`;
  await gare.hub.commits.commitFiles({ changes: [{ path: `pieges/${slug}.md`, content }], author: { name: 'Terminal', email: 't@localhost' }, message: `piège ${slug}` });
  await gare.hub.sync();
  return `/wiki/pieges/${slug}`;
}

/** Fetches `url` while measuring the event loop; returns the status, the body and the work it cost. */
async function measured(url: string): Promise<{ status: number; html: string; stall: number; cpu: number }> {
  let status = 0;
  let html = '';
  const { cpu, stall } = await eventLoopWork(async () => {
    const res = await fetch(new URL(url, gare.url));
    status = res.status;
    html = await res.text();
  });
  return { status, html, stall, cpu };
}

describe('viewing a pathological page', () => {
  it.each(cases)('serves $name ($size characters) without blocking other requests for 100 ms', async ({ name, size, body }) => {
    const slug = `${name.replace(/\W+/g, '-')}-${size}`;
    const url = await commitPage(slug, body);
    const first = await measured(url);
    expect(first.status).toBe(200);
    expect(first.stall).toBeLessThan(100);
    const view = await measured(url);
    expect(view.status).toBe(200);
    expect(view.html).toContain(`Piège ${slug}`);
    expect(view.stall).toBeLessThan(100);
    // The list of pages by type shows an excerpt of each page without a summary, this one included.
    const list = await measured('/recherche?type=ressource');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`Piège ${slug}`);
    expect(list.stall).toBeLessThan(100);
  }, 60_000);
});
