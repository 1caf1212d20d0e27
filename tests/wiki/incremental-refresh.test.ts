import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWikiIndex, type WikiIndex } from '../../server/wiki/wiki-index.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

let dir: string;
async function put(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gare-incr-'));
  await put('a.md', page('Alpha', 'Vers [[Bêta]] et [[Gamma]].'));
  await put('b.md', page('Bêta', 'Vers [[Alpha]] et [[Absente]].'));
  await put('c.md', page('Gamma', 'Vers [[Bêta]].'));
  await put('notes/d.md', page('Delta', 'Vers [[Alpha]] et ![[schema.png]].'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** What the links look like from outside: compared between a patched index and a fresh one (pages are read in parallel: order is free). */
function linkView(index: WikiIndex) {
  const paths = index.all().map((p) => p.path).sort();
  return {
    pages: paths,
    backlinks: paths.map((p) => [p, index.backlinks(p).map((b) => b.path).sort()]),
    outgoing: paths.map((p) => [p, index.outgoing(p).map((b) => b.path).sort()]),
    links: paths.map((p) => [p, index.linksOf(p)]),
    broken: [...index.brokenLinks()].sort((x, y) => (x.from + x.target < y.from + y.target ? -1 : 1)),
    titles: ['alpha', 'BETA', 'gamma', 'Delta'].map((t) => index.findByTitle(t)?.path),
  };
}

async function fresh(): Promise<WikiIndex> {
  const index = createWikiIndex({ dir });
  await index.refresh();
  return index;
}

describe('a refresh told which paths a commit changed', () => {
  it('looks at those paths only: an edit elsewhere waits for a full refresh', async () => {
    const index = await fresh();
    await put('a.md', page('Alpha', 'Corps modifié.'));
    await put('c.md', page('Gamma', 'Modifié hors du commit.'));
    const change = await index.refresh({ paths: ['a.md'] });
    expect(change.changed).toEqual(['a.md']);
    expect((await index.pageSource('a.md'))?.body).toContain('Corps modifié.');
    // What the index derived from c.md is unchanged (its text is read back fresh from the file).
    expect(index.get('c.md')?.excerpt).toContain('Vers Bêta.');
    expect((await index.refresh()).changed).toEqual(['c.md']);
  });

  it('adds and removes pages and attachments like a full scan', async () => {
    const index = await fresh();
    await put('nouvelle.md', page('Nouvelle', 'Vers [[Gamma]].'));
    await put('schema.png', 'png');
    await rm(path.join(dir, 'b.md'));
    const change = await index.refresh({ paths: ['nouvelle.md', 'schema.png', 'b.md'] });
    expect(change).toMatchObject({ changed: ['nouvelle.md'], removed: ['b.md'] });
    expect(index.findFile('schema.png')).toBe('schema.png');
    expect(linkView(index)).toEqual(linkView(await fresh()));
  });

  it('keeps the link graph equal to a rebuilt one after body edits, without moving the link version', async () => {
    const index = await fresh();
    linkView(index);
    const linkVersion = index.linkVersion;
    await put('a.md', page('Alpha', 'Plus que [[Absente]] et [[Delta]].'));
    await put('c.md', page('Gamma', 'Vers [[Alpha]], [[Bêta]] et [[Alpha]].'));
    await index.refresh({ paths: ['a.md', 'c.md'] });
    expect(index.linkVersion).toBe(linkVersion);
    expect(linkView(index)).toEqual(linkView(await fresh()));
    expect(index.backlinks('a.md' as PagePath).map((p) => p.path).sort()).toEqual(['b.md', 'c.md', 'notes/d.md']);
  });

  it('follows a title change through the lookup', async () => {
    const index = await fresh();
    linkView(index);
    await put('c.md', page('Gamma renommée', 'Vers [[Bêta]].'));
    await index.refresh({ paths: ['c.md'] });
    expect(index.findByTitle('gamma renommée')?.path).toBe('c.md');
    expect(linkView(index)).toEqual(linkView(await fresh()));
  });

  it('falls back to a full walk for a layout marker', async () => {
    const index = await fresh();
    await put('mkdocs.yml', 'site_name: Essai\ndocs_dir: notes\n');
    await put('c.md', page('Gamma', 'Modifié hors du commit.'));
    await index.refresh({ paths: ['mkdocs.yml'] });
    expect((await index.pageSource('c.md'))?.body).toContain('Modifié hors du commit.');
  });
});

describe('a commit that edits known pages', () => {
  it('finds a renamed title by [[Nouveau titre]] without building the link graph or the addresses again', async () => {
    await put('e.md', page('Epsilon', 'Vers [[Nouveau titre]] et [[Gamma]].'));
    const index = await fresh();
    linkView(index);
    expect(index.resolveLink('e.md' as PagePath, { kind: 'wiki', target: 'Nouveau titre' })).toBeUndefined();
    const before = index.counters;
    await put('c.md', page('Nouveau titre', 'Vers [[Bêta]].'));
    await index.refresh({ paths: ['c.md'] });
    expect(index.findByTitle('nouveau TITRE')?.path).toBe('c.md');
    expect(index.findByTitle('Gamma')).toBeUndefined();
    expect(index.outgoing('e.md' as PagePath).map((p) => p.path)).toEqual(['c.md']);
    expect(index.brokenLinks().filter((l) => l.from === 'a.md').map((l) => l.target)).toEqual(['Gamma']);
    expect(index.counters).toMatchObject({ linkGraphBuilds: before.linkGraphBuilds, addressTableBuilds: before.addressTableBuilds, pagesRead: before.pagesRead + 1 });
    expect(linkView(index)).toEqual(linkView(await fresh()));
  });

  it('hands a shared title to the next page claiming it when the first one lets go', async () => {
    await put('z.md', page('Alpha', 'Double de la première.'));
    const index = await fresh();
    // Pages are read in parallel: which of the two claimed the title first is the index's order.
    const first = index.findByTitle('Alpha')?.path as PagePath;
    const other = (first === 'a.md' ? 'z.md' : 'a.md') as PagePath;
    const builds = index.counters.linkGraphBuilds;
    await put(first, page('Alpha ancienne', 'Vers [[Bêta]] et [[Gamma]].'));
    await index.refresh({ paths: [first] });
    expect(index.findByTitle('Alpha')?.path).toBe(other);
    expect(index.backlinks(other).map((p) => p.path).sort()).toEqual(['b.md', 'notes/d.md']);
    expect(index.counters.linkGraphBuilds).toBe(builds);
    expect(linkView(index)).toEqual(linkView(await fresh()));
  });

  it('moves a page to the new address it declares without building the address table again', async () => {
    const index = await fresh();
    linkView(index);
    const before = index.counters;
    await put('c.md', `---\ntitle: Gamma\npermalink: /gamma-ici/\n---\nVers [[Bêta]].\n`);
    await index.refresh({ paths: ['c.md'] });
    expect(index.matchAddress('gamma-ici')).toEqual({ path: 'c.md', canonical: true });
    expect(index.counters.addressTableBuilds).toBe(before.addressTableBuilds);
    expect(index.addressOf('c.md' as PagePath)).toBe('/wiki/gamma-ici');
    expect(linkView(index)).toEqual(linkView(await fresh()));
  });
});

describe('the sommaire order', () => {
  it('follows a title change without sorting every page again, and ignores a body edit', async () => {
    const index = await fresh();
    const order = () => index.outline(index.all()).flatMap((s) => s.pages);
    expect(order()).toEqual(['a.md', 'b.md', 'c.md', 'notes/d.md']);
    const builds = index.counters.outlineBuilds;
    await put('b.md', page('Bêta', 'Corps seulement.'));
    await index.refresh({ paths: ['b.md'] });
    expect(order()).toEqual(['a.md', 'b.md', 'c.md', 'notes/d.md']);
    expect(index.counters.outlineBuilds).toBe(builds);
    await put('a.md', page('Zêta', 'Renommée.'));
    await index.refresh({ paths: ['a.md'] });
    expect(order()).toEqual(['b.md', 'c.md', 'a.md', 'notes/d.md']);
    expect(index.counters.outlineBuilds).toBe(builds);
  });
});
