import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { createRepoFollower } from '../../server/hub/follow-repo.ts';
import type { SearchIndexer } from '../../server/search/indexer.ts';
import { createWikiIndex, type WikiIndex } from '../../server/wiki/wiki-index.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { gitRun, makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

// The search is not what is tested here: the follower only hands it records.
const search = { rebuildAll: async () => undefined, update: async () => undefined } as unknown as SearchIndexer;
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;
const filler = 50;

let root: string;
let dir: string;
let index: WikiIndex;
let follower: ReturnType<typeof createRepoFollower>;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, {
    'a.md': page('Alpha', 'Vers [[Nouvelle fiche]].'),
    'b.md': page('Bêta', 'Vers [[Nouvelle fiche]] et [le fichier](fiches/nouvelle.md).'),
    'd.md': page('Delta', 'Vers [[Fiche renommée]].'),
    // Pages linking one another, none to the new page: a commit must not resolve their links again.
    ...Object.fromEntries(Array.from({ length: filler }, (_, i) => [`autres/p-${i}.md`, page(`Autre ${i}`, `Vers [[Autre ${(i + 1) % filler}]] et [suite](p-${(i + 2) % filler}.md).`)])),
  });
  index = createWikiIndex({ dir });
  follower = createRepoFollower({ index, history: createHistoryIndex({ dir }), search });
  await follower.sync();
  index.brokenLinks();
});
afterAll(() => removeDir(root));

const paths = (pages: { path: string }[]) => pages.map((p) => p.path).sort();
const brokenFrom = (from: string) => index.brokenLinks().filter((l) => l.from === from).map((l) => l.target);

/** Links, backlinks and broken links as a freshly loaded index sees the same folder. */
async function sameAsFresh(): Promise<void> {
  const fresh = createWikiIndex({ dir });
  await fresh.refresh();
  const view = (i: WikiIndex) => {
    const all = i.all().map((p) => p.path).sort();
    return { all, links: all.map((p) => [p, i.linksOf(p), paths(i.backlinks(p)), i.addressOf(p)]), broken: [...i.brokenLinks()].sort((x, y) => (x.from + x.target < y.from + y.target ? -1 : 1)) };
  };
  expect(view(index)).toEqual(view(fresh));
}

async function commit(message: string, change: () => Promise<unknown>): Promise<void> {
  await change();
  await gitRun(dir, ['add', '-A']);
  await gitRun(dir, ['commit', '-qm', message]);
  await follower.sync();
}

describe('links after a commit made in a terminal', () => {
  it('lead to a page added by the commit, which lists them as backlinks, resolving only the pages that named it', async () => {
    expect(brokenFrom('a.md')).toEqual(['Nouvelle fiche']);
    const before = index.counters;
    await commit('Nouvelle fiche', () => writeFile(dir, 'fiches/nouvelle.md', page('Nouvelle fiche', 'Texte.')));
    expect(index.findByTitle('nouvelle FICHE')?.path).toBe('fiches/nouvelle.md');
    expect(index.linksOf('a.md' as PagePath).map((l) => l.resolved)).toEqual(['fiches/nouvelle.md']);
    expect(paths(index.backlinks('fiches/nouvelle.md' as PagePath))).toEqual(['a.md', 'b.md']);
    expect(brokenFrom('a.md')).toEqual([]);
    expect(index.matchAddress('fiches/nouvelle')).toEqual({ path: 'fiches/nouvelle.md', canonical: true });
    // The new page, and the two pages naming it: not the 50 others, and nothing built again.
    expect(index.counters.linksResolvedAgain - before.linksResolvedAgain).toBe(3);
    expect(index.counters).toMatchObject({ linkGraphBuilds: before.linkGraphBuilds, addressTableBuilds: before.addressTableBuilds });
    await sameAsFresh();
  });

  it('move with a renamed title: the old name breaks, the new one leads to the page', async () => {
    await commit('Titre changé', () => writeFile(dir, 'fiches/nouvelle.md', page('Fiche renommée', 'Texte.')));
    expect(brokenFrom('a.md')).toEqual(['Nouvelle fiche']);
    expect(index.linksOf('d.md' as PagePath).map((l) => l.resolved)).toEqual(['fiches/nouvelle.md']);
    // `b.md` still links the file by its path.
    expect(paths(index.backlinks('fiches/nouvelle.md' as PagePath))).toEqual(['b.md', 'd.md']);
    await sameAsFresh();
  });

  it('follow a page moved to another path by its title, and break where they named the old path', async () => {
    await commit('Fiche déplacée', () => gitRun(dir, ['mv', 'fiches/nouvelle.md', 'fiches/ailleurs.md']));
    expect(index.get('fiches/nouvelle.md')).toBeUndefined();
    expect(paths(index.backlinks('fiches/ailleurs.md' as PagePath))).toEqual(['d.md']);
    expect(brokenFrom('b.md')).toEqual(['Nouvelle fiche', 'fiches/nouvelle.md']);
    expect(index.matchAddress('fiches/nouvelle')).toBeUndefined();
    await sameAsFresh();
  });

  it('break again when the page is removed', async () => {
    const before = index.counters;
    await commit('Fiche retirée', () => gitRun(dir, ['rm', '-q', 'fiches/ailleurs.md']));
    expect(index.findByTitle('Fiche renommée')).toBeUndefined();
    expect(brokenFrom('d.md')).toEqual(['Fiche renommée']);
    expect(index.backlinks('fiches/ailleurs.md' as PagePath)).toEqual([]);
    expect(index.counters.linksResolvedAgain - before.linksResolvedAgain).toBe(1);
    await sameAsFresh();
  });
});
