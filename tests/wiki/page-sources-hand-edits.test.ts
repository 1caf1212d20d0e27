/**
 * A page file edited by hand in the working copy, twice, never committed: the index parsed the
 * first text (and its visibility), the file now holds the second. The reader checks the
 * visibility the index holds, so the text it gets must be the one parsed — never the newer one,
 * which may have been made team-only since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import { makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

const page = (visibility: string, body: string) => `---\ntitle: Local\nvisibility: ${visibility}\n---\n${body}\n`;

let root: string;
let dir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'a.md': page('public', 'Texte commité.') });
});
afterAll(() => removeDir(root));

describe('a page file edited by hand and not committed', () => {
  it('gives the text the index parsed, or nothing — never a newer, team-only one', async () => {
    const index = createWikiIndex({ dir });
    await writeFile(dir, 'local.md', page('public', 'Première retouche, publique.'));
    await index.refresh();
    expect(index.get('local.md')?.meta.visibility).toBe('public');
    // Not read yet: no cache can answer. The parsed text was never committed, so git cannot either.
    await writeFile(dir, 'local.md', page('equipe', 'Code du local : 4711.'));
    const text = await index.pageSource('local.md');
    expect(text?.source ?? '').not.toContain('4711');
  });
});
