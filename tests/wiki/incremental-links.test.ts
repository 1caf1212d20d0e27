import { describe, expect, it } from 'vitest';
import { buildLinkGraph, type UpdatableLinkGraph } from '../../server/wiki/link-graph.ts';
import { createAddressTable, type UpdatableAddressTable } from '../../server/wiki/layouts/addresses.ts';
import { plainLayout, type SiteLayout } from '../../server/wiki/layouts/site-layout.ts';
import { createFileNames } from '../../server/wiki/file-names.ts';
import { extractLinks, type RawLink } from '../../server/wiki/links.ts';
import { parsePageText } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import { slugToUrl, type PagePath, type PageSlug } from '../../server/wiki/paths.ts';
import type { Page } from '../../server/wiki/page.ts';

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick, some: <T,>(list: readonly T[]) => list.filter(() => next() < 0.3) };
}

// Few names, so that titles, addresses and landing pages collide often.
const folders = ['', 'guide/', 'guide/avance/', 'docs/', '_posts/'];
const names = ['a', 'b', 'index', 'README', 'notes', 'guide', '2024-03-12-rentree'];
const titles = ['Alpha', 'Bêta', 'Gamma', 'Notes', 'Guide', 'Rentrée', 'Avancé'];
const permalinks = ['/guide/', '/a/', '/notes/', '/x/', '/docs/b.html', '/guide/avance/'];
const redirects = ['/vieux/', '/a/', 'guide', '/notes/'];
const links = ['[[Alpha]]', '[[guide/notes]]', '[[Notes]]', '[[Avancé]]', '[a](../a.md)', '[b](/guide/)', '[c](notes)', '![[schema.png]]', '[d](/wiki/guide/a)', '[e](image.png)', '[f](../guide/avance/)', '[g](/x/)', '[h](../b/)', '[i](/vieux/)', '[j](index.md)', '[k](/2024/03/12/rentree/)'];
const fileNames = ['schema.png', 'img/schema.png', 'image.png', 'guide/image.png'];
const layouts: SiteLayout[] = [plainLayout, { ...plainLayout, root: 'docs', sectionsUnder: 'docs', redirects: new Map([['/ancien/', 'guide/a.md'], ['/notes/', '/guide/notes/']]) }];

function pageText(rand: ReturnType<typeof random>): string {
  const fields = [`title: ${JSON.stringify(rand.pick(titles))}`];
  const aliases = rand.some(titles);
  if (aliases.length) fields.push(`aliases: ${JSON.stringify(aliases)}`);
  if (rand.next() < 0.25) fields.push(`permalink: ${JSON.stringify(rand.pick(permalinks))}`);
  const old = rand.some(redirects);
  if (old.length) fields.push(`redirect_from: ${JSON.stringify(old)}`);
  return `---\n${fields.join('\n')}\n---\n\n${rand.some(links).join('\n\n')}\n`;
}

/** The pages as the index holds them: `pages` and `raw` in index order (a new page comes last). */
function createWorld(layout: SiteLayout) {
  const pages = new Map<PagePath, Page>();
  const raw = new Map<PagePath, RawLink[]>();
  const files = new Set<string>();
  const table: UpdatableAddressTable = createAddressTable({ pages: [], layout });
  const optionsOf = (t: UpdatableAddressTable, f: ReturnType<typeof createFileNames>) => ({
    byAddress: (a: string) => t.pageAt(a) ?? t.redirectFor(a),
    byFileName: (n: string) => f.find(n),
    addressOf: (p: string) => slugToUrl(t.addressOf(p as PagePath) as PageSlug).slice('/wiki/'.length),
  });
  let names = createFileNames([]);
  // The file table is made again on each move, as the index does: the graph asks the current one.
  const graph: UpdatableLinkGraph = buildLinkGraph(pages, raw, { ...optionsOf(table, names), byFileName: (n) => names.find(n) });
  return {
    pages,
    /** Writes, removes or files: what one commit does; returns the pages resolved again. */
    apply(put: [PagePath, string][], drop: PagePath[], fileMoves: string[]): number {
      for (const p of drop) {
        pages.delete(p);
        raw.delete(p);
      }
      for (const [p, text] of put) {
        const { page, body } = parsePageText({ path: p, source: text, settings: emptySettings });
        pages.set(p, page);
        raw.set(p, extractLinks(body, { path: p }));
      }
      for (const f of fileMoves) if (!files.delete(f)) files.add(f);
      names = createFileNames([...files]);
      const moves = table.update({ upserts: put.map(([p]) => pages.get(p) as Page), removed: drop });
      return graph.update({ changed: put.map(([p]) => p), removed: drop, ...moves, files: fileMoves });
    },
    /** Everything a reader can ask of the links and addresses, incremental and rebuilt. */
    views(asked: readonly string[]) {
      const fresh = createAddressTable({ pages: pages.values(), layout });
      const rebuilt = buildLinkGraph(pages, raw, optionsOf(fresh, createFileNames([...files])));
      const view = (g: UpdatableLinkGraph, t: UpdatableAddressTable) => ({
        links: [...pages.keys()].map((p) => [p, g.linksOf(p), g.backlinks(p), g.outgoing(p), t.addressOf(p)]),
        broken: g.broken,
        titles: titles.map((x) => g.byTitle(x)),
        addresses: asked.map((a) => [a, t.pageAt(a), t.redirectFor(a)]),
      });
      return { incremental: view(graph, table), rebuilt: view(rebuilt, fresh) };
    },
  };
}

describe('the link graph and address table kept up to date', () => {
  for (const [l, layout] of layouts.entries()) {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      it(`equal a full rebuild after random adds, removals, renames and file moves (layout ${l}, seed ${seed})`, () => {
        const rand = random(seed * 101 + l);
        const world = createWorld(layout);
        const paths = folders.flatMap((f) => names.map((n) => `${f}${n}.md` as PagePath));
        const asked = [...new Set([...paths.map((p) => p.slice(0, -3)), ...permalinks, ...redirects].flatMap((a) => [a.replace(/^\/+|\/+$/g, ''), `_/${a}`]))];
        for (let step = 0; step < 60; step++) {
          const present = [...world.pages.keys()];
          const put: [PagePath, string][] = [];
          const drop: PagePath[] = [];
          const roll = rand.next();
          if (roll < 0.4 || present.length === 0) put.push([rand.pick(paths), pageText(rand)]);
          else if (roll < 0.6) drop.push(rand.pick(present));
          else if (roll < 0.8) {
            // A rename: the file moves to another path, with its text.
            const from = rand.pick(present);
            const free = paths.filter((p) => !world.pages.has(p));
            drop.push(from);
            if (free.length > 0) put.push([rand.pick(free), pageText(rand)]);
          } else put.push([rand.pick(present), pageText(rand)]);
          world.apply(put, drop, rand.next() < 0.15 ? [rand.pick(fileNames)] : []);
          const { incremental, rebuilt } = world.views(asked);
          expect(incremental, `step ${step}`).toEqual(rebuilt);
        }
      });
    }
  }

  it('resolves again only the pages that asked about the page added, not every page', () => {
    const world = createWorld(plainLayout);
    const many: [PagePath, string][] = Array.from({ length: 300 }, (_, i) => [`p/page-${i}.md` as PagePath, `---\ntitle: Page ${i}\n---\n\nVers [[Page ${(i + 1) % 300}]] et [autre](page-${(i + 7) % 300}.md).\n`]);
    world.apply(many, [], []);
    world.apply([['p/page-0.md' as PagePath, `---\ntitle: Page 0\n---\n\nVers [[Nouvelle page]].\n`]], [], []);
    const touched = world.apply([['p/nouvelle.md' as PagePath, `---\ntitle: Nouvelle page\n---\n\nTexte.\n`]], [], []);
    // The new page itself, and the one page naming its title.
    expect(touched).toBe(2);
  });
});
