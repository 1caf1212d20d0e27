import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { readHeadOid } from '../../server/git/watch-repo.ts';
import { createRepoFollower } from '../../server/hub/follow-repo.ts';
import type { SearchIndexer } from '../../server/search/indexer.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import { gitRun, makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

// The search is not what is tested here: the follower only hands it records.
const search = { rebuildAll: async () => undefined, update: async () => undefined } as unknown as SearchIndexer;
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

let root: string;
let dir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'a.md': page('Alpha', 'Premier.'), 'c.md': page('Gamma', 'Premier.') });
});
afterAll(() => removeDir(root));

describe('the repository follower', () => {
  it('refreshes only the files a terminal commit changed, and walks the folder when HEAD did not move', async () => {
    const index = createWikiIndex({ dir });
    const history = createHistoryIndex({ dir });
    const follower = createRepoFollower({ index, history, search });
    await index.refresh();
    await follower.sync();
    await writeFile(dir, 'a.md', page('Alpha', 'Commité au terminal.'));
    await writeFile(dir, 'c.md', page('Gamma', 'Modifié sans commit.'));
    await gitRun(dir, ['commit', '-qm', 'Alpha au terminal', '--', 'a.md']);
    expect((await follower.sync()).changed).toEqual(['a.md']);
    expect((await index.pageSource('a.md'))?.body).toContain('Commité au terminal.');
    // Not in the commit: no stat of the whole tree saw it.
    expect((await index.pageSource('c.md'))?.body).toContain('Premier.');
    // A sync with HEAD unmoved cannot know what changed: full walk.
    expect((await follower.sync()).changed).toEqual(['c.md']);
    expect((await index.pageSource('c.md'))?.body).toContain('Modifié sans commit.');
  });

  it('targets the first commit after start, as the hub starts: full scan, then history behind it', async () => {
    const index = createWikiIndex({ dir });
    const history = createHistoryIndex({ dir });
    const follower = createRepoFollower({ index, history, search });
    follower.indexedAt(await readHeadOid(dir));
    await index.refresh();
    await history.refresh();
    await writeFile(dir, 'a.md', page('Alpha', 'Deuxième commit au terminal.'));
    await writeFile(dir, 'c.md', page('Gamma', 'Encore modifié sans commit.'));
    await gitRun(dir, ['commit', '-qm', 'Alpha encore', '--', 'a.md']);
    expect((await follower.sync()).changed).toEqual(['a.md']);
    // What the index derived from c.md is the old text's (its text is read back fresh from the file).
    expect(index.get('c.md')?.excerpt).toBe('Modifié sans commit.');
  });
});

describe('the search build at start', () => {
  it('makes its records in slices, letting the event loop turn between them', async () => {
    const manyRoot = await makeTempDir();
    const many = await seedContentRepo(manyRoot, Object.fromEntries(Array.from({ length: 450 }, (_, i) => [`p-${i}.md`, page(`Page ${i}`, `Texte ${i}.`)])));
    const index = createWikiIndex({ dir: many });
    await index.refresh();
    let turns = 0;
    let turnsWhenHanded: number | undefined;
    const counting = { rebuildAll: async (records: Iterable<unknown>) => void ((turnsWhenHanded = turns), [...records]), update: async () => undefined } as unknown as SearchIndexer;
    const follower = createRepoFollower({ index, history: createHistoryIndex({ dir: many }), search: counting });
    const tick = (): void => {
      turns++;
      if (turnsWhenHanded === undefined) setImmediate(tick);
    };
    setImmediate(tick);
    await follower.buildSearch();
    // 450 pages, 100 a slice: the loop turned between slices before the records were handed over.
    expect(turnsWhenHanded).toBeGreaterThanOrEqual(4);
    await removeDir(manyRoot);
  });
});
