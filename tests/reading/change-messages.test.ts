import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '../../server/access/viewer.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { mayReadMessage, toVersionInfo } from '../../server/reading/page-versions.ts';
import { gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from '../git/helpers.ts';

const page = (visibility: string, body: string) => `---\ntitle: Fiche\ntype: ressource\nvisibility: ${visibility}\n---\n\n${body}\n`;
const teamMember: Viewer = { ...anonymous, role: 'equipe' };

describe('a commit message, for someone outside the team', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'ressources/fiche.md': page('equipe', 'Brouillon.'), 'ressources/guide.md': page('public', 'Guide.') });
  });
  afterEach(() => removeDir(root));

  const commit = (message: string) => gitSync(dir, ['commit', '-qam', message]);
  const messagesOf = async (path: string, viewer: Viewer) => {
    const index = createHistoryIndex({ dir });
    await index.refresh();
    return index.historyOf(path).map((v) => toVersionInfo(v, viewer).message);
  };

  it('shows a terminal commit that touched only a public page, as written', async () => {
    await writeFile(dir, 'ressources/guide.md', page('public', 'Guide relu.'));
    commit('Guide relu par Tess');
    expect((await messagesOf('ressources/guide.md', anonymous))[0]).toBe('Guide relu par Tess');
  });

  it('keeps the neutral words for a version from when the page was team-only, even once public', async () => {
    await writeFile(dir, 'ressources/fiche.md', page('equipe', 'Situation de Madame X.'));
    commit('Madame X ajoutée');
    await writeFile(dir, 'ressources/fiche.md', page('public', 'Fiche générale.'));
    commit('Fiche rendue publique');
    expect(await messagesOf('ressources/fiche.md', anonymous)).toEqual(['Fiche rendue publique', 'Modification de la page', 'Création de la page']);
    expect((await messagesOf('ressources/fiche.md', teamMember))[1]).toBe('Madame X ajoutée');
  });

  it('keeps the neutral words when the same commit also touched a team page, or deleted one', async () => {
    await writeFile(dir, 'ressources/guide.md', page('public', 'Guide relu.'));
    await writeFile(dir, 'ressources/fiche.md', page('equipe', 'Situation de Madame Y.'));
    commit('Guide et Madame Y');
    gitSync(dir, ['rm', '-q', 'ressources/fiche.md']);
    await writeFile(dir, 'ressources/guide.md', page('public', 'Guide relu deux fois.'));
    commit('Madame Y partie');
    expect((await messagesOf('ressources/guide.md', anonymous)).slice(0, 2)).toEqual(['Modification de la page', 'Modification de la page']);
  });

  it('treats an unknown record as team-only (privacy first)', () => {
    expect(mayReadMessage(anonymous, [])).toBe(false);
    expect(mayReadMessage(anonymous, [{ visibility: 'public' }])).toBe(true);
    expect(mayReadMessage(teamMember, [{ visibility: 'equipe' }, { visibility: 'public' }])).toBe(true);
    expect(mayReadMessage(teamMember, [{ visibility: 'equipe', groups: ['accompagnement'] }])).toBe(false);
    expect(mayReadMessage({ ...teamMember, groups: ['accompagnement'] }, [{ visibility: 'equipe', groups: ['accompagnement'] }])).toBe(true);
  });
});
