import { describe, expect, it } from 'vitest';
import { createKeptOutline } from '../../server/wiki/layouts/kept-outline.ts';
import { buildOutline, type OutlinePage } from '../../server/wiki/layouts/outline.ts';
import { plainLayout, type SiteLayout } from '../../server/wiki/layouts/site-layout.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

/** A small seeded generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

const folders = ['', 'guide/', 'guide/avance/', 'docs/', 'docs/api/', '_posts/'];
const names = ['a', 'b', 'c', 'index', 'README', 'notes', '2024-03-12-rentree', '2024-03-12-bilan', '2023-01-02-voeux'];
const titles = ['Alpha', 'alpha', 'Bêta', 'Éclair', 'Zèbre', 'Notes'];
const layouts: SiteLayout[] = [plainLayout, { ...plainLayout, root: 'docs', sectionsUnder: 'docs', categories: new Map([['docs/api', { label: 'API', position: 1 }]]) }];

describe('the sommaire order kept page by page', () => {
  for (const [l, layout] of layouts.entries()) {
    for (const seed of [1, 2, 3, 4]) {
      it(`equals a full sort after random adds, removals and retitles (layout ${l}, seed ${seed})`, () => {
        const rand = random(seed * 31 + l);
        const pages = new Map<PagePath, OutlinePage>();
        const kept = createKeptOutline({ layout: () => layout, pages: () => [...pages.values()], page: (p) => pages.get(p) });
        const paths = folders.flatMap((f) => names.map((n) => `${f}${n}.md` as PagePath));
        const make = (path: PagePath): OutlinePage => ({ path, title: rand.pick(titles), order: rand.next() < 0.2 ? Math.floor(rand.next() * 3) : undefined, date: path.includes('_posts/') ? path.split('/').pop()?.slice(0, 10) : undefined });
        for (const p of paths.filter(() => rand.next() < 0.5)) pages.set(p, make(p));
        let sorts = 0;
        for (let step = 0; step < 80; step++) {
          kept.sections();
          const present = [...pages.keys()];
          const removed: PagePath[] = [];
          const upserts: OutlinePage[] = [];
          if (rand.next() < 0.4 && present.length > 3) {
            const p = rand.pick(present);
            pages.delete(p);
            removed.push(p);
          } else {
            const p = rand.pick(paths);
            const page = make(p);
            pages.set(p, page);
            upserts.push(page);
          }
          kept.change(upserts, removed);
          expect(kept.sections(), `step ${step}`).toEqual(buildOutline({ pages: [...pages.values()], layout }));
          sorts = kept.sorts;
        }
        // Most changes were followed without sorting again (landing pages and new sections sort).
        expect(sorts).toBeLessThan(60);
      });
    }
  }

  it('puts a new page in its place without sorting again', () => {
    const pages = new Map<PagePath, OutlinePage>(Array.from({ length: 500 }, (_, i) => [`fiches/p-${i}.md` as PagePath, { path: `fiches/p-${i}.md` as PagePath, title: `Fiche ${i}` }]));
    const kept = createKeptOutline({ layout: () => plainLayout, pages: () => [...pages.values()], page: (p) => pages.get(p) });
    kept.sections();
    const added = { path: 'fiches/nouvelle.md' as PagePath, title: 'Fiche 250 bis' };
    pages.set(added.path, added);
    kept.change([added], []);
    const list = kept.sections()[0]?.pages ?? [];
    expect(list[list.indexOf('fiches/p-250.md' as PagePath) + 1]).toBe('fiches/nouvelle.md');
    expect(kept.sorts).toBe(1);
  });
});
