import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryIndex, type HistoryIndex } from '../../server/git/history-index.ts';
import { readHeadOid } from '../../server/git/watch-repo.ts';
import { createRepoFollower } from '../../server/hub/follow-repo.ts';
import type { SearchIndexer } from '../../server/search/indexer.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import type { PagePath } from '../../server/wiki/paths.ts';
import { gitRun, makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

const search = { rebuildAll: async () => undefined, update: async () => undefined } as unknown as SearchIndexer;
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

let root: string;
let dir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'a.md': page('Alpha', 'Vers [[Fiche du terminal]].'), 'b.md': page('Bêta', 'Premier.') });
});
afterAll(() => removeDir(root));

/** The real history, whose refreshes wait until `release()` (a history busy writing its records). */
function heldHistory(real: HistoryIndex) {
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));
  let answered = 0;
  const history = new Proxy(real, {
    get(target, key, receiver) {
      if (key !== 'refresh') return Reflect.get(target, key, receiver) as unknown;
      return async () => {
        const answer = await target.refresh();
        await held;
        answered++;
        return answer;
      };
    },
  });
  return { history, release: () => release(), hold: () => (held = new Promise<void>((resolve) => (release = resolve))), answered: () => answered };
}

describe('a commit made in a terminal', () => {
  it('is served from a tree diff of its own while the history has not read it yet', async () => {
    const index = createWikiIndex({ dir });
    const real = createHistoryIndex({ dir });
    await index.refresh();
    await real.refresh();
    const held = heldHistory(real);
    const follower = createRepoFollower({ index, history: held.history, search, dir });
    follower.indexedAt(await readHeadOid(dir));
    await writeFile(dir, 'fiches/terminal.md', page('Fiche du terminal', 'Écrite au terminal.'));
    await writeFile(dir, 'b.md', page('Bêta', 'Modifié hors du commit.'));
    await gitRun(dir, ['add', 'fiches/terminal.md']);
    await gitRun(dir, ['commit', '-qm', 'Fiche du terminal']);
    const synced = follower.sync();
    // The page and its links are there, the history still held.
    for (let i = 0; i < 500 && index.get('fiches/terminal.md') === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(index.get('fiches/terminal.md')?.meta.title).toBe('Fiche du terminal');
    expect(index.backlinks('fiches/terminal.md' as PagePath).map((p) => p.path)).toEqual(['a.md']);
    expect(held.answered()).toBe(0);
    held.release();
    expect((await synced).changed).toEqual(['fiches/terminal.md']);
    // Only the commit's files: an edit outside it waits for a full walk.
    expect((await index.refresh()).changed).toEqual(['b.md']);
  });
});
