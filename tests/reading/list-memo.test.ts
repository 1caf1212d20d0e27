/**
 * The home portal, the sommaire and /recherche read lists computed once per index change for an
 * audience: two visitors share them, a commit makes them anew at once, and a group page never
 * reaches the lists or the search of someone outside the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import { homeLists } from '../../site/lib/home-lists.ts';
import { byNewest, groupByType } from '../../site/lib/page-lists.ts';
import type { Page } from '../../server/wiki/page.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let member: TestSession;
let outsider: TestSession;
const groupName = 'Cellule Orchidée';
const author = { name: 'Terminal', email: 't@localhost' };

beforeAll(async () => {
  gare = await startTestHub();
  const admin = await signIn(gare.hub, 'admin');
  member = await signIn(gare.hub, 'equipe', 'Inès Membre');
  outsider = await signIn(gare.hub, 'equipe', 'Omar Hors-groupe');
  const group = await gare.hub.accounts.createGroup({ name: groupName, by: admin.id });
  await gare.hub.accounts.addMember({ groupId: group.id, userId: member.id, by: admin.id });
  await gare.hub.search.ready;
}, 60_000);
afterAll(() => gare?.stop());

const html = async (path: string, cookie?: string) => (await fetch(gare.url + path, cookie ? { headers: { cookie } } : {})).text();

async function commit(path: string, content: string): Promise<void> {
  await gare.hub.commits.commitFiles({ changes: [{ path, content }], author, message: `ajout de ${path}` });
  await gare.hub.sync();
}

describe('lists computed once per index change', () => {
  it('serves two visitors the same home lists, and new ones after a commit', async () => {
    const first = homeLists(gare.hub.forViewer(anonymous));
    expect(homeLists(gare.hub.forViewer({ ...anonymous }))).toBe(first);
    const before = first.types.find((t) => t.key === 'tutoriel')?.count ?? 0;
    await commit('ressources/fiche-hippocampe.md', '---\ntitle: Fiche Hippocampe\ntype: tutoriel\nvisibility: public\n---\n\nUne fiche.\n');
    const after = homeLists(gare.hub.forViewer(anonymous));
    expect(after).not.toBe(first);
    expect(after.types.find((t) => t.key === 'tutoriel')?.count).toBe(before + 1);
    const home = await html('/');
    expect(home).toContain('Fiche Hippocampe');
  });

  it('finds a page on /recherche as soon as it is saved, and a group page only for its group', async () => {
    expect(await html('/recherche?q=salamandre')).not.toContain('Fiche Salamandre');
    await commit('ressources/fiche-salamandre.md', '---\ntitle: Fiche Salamandre\ntype: ressource\nvisibility: public\n---\n\nLes salamandres du marais.\n');
    expect(await html('/recherche?q=salamandres')).toContain('Fiche Salamandre');
    await commit(
      'ressources/cellule-ornithorynque.md',
      `---\ntitle: Dossier Ornithorynque\ntype: ressource\nvisibility: equipe\ngroupes: [${groupName}]\n---\n\nLe suivi ornithorynque.\n`,
    );
    expect(await html('/recherche?q=ornithorynque', member.cookie)).toContain('Dossier Ornithorynque');
    for (const cookie of [outsider.cookie, undefined]) {
      expect(await html('/recherche?q=ornithorynque', cookie)).not.toContain('Ornithorynque');
      expect(await html('/', cookie)).not.toContain('Ornithorynque');
      expect(await html('/sommaire', cookie)).not.toContain('Ornithorynque');
    }
    expect(await html('/sommaire', member.cookie)).toContain('Dossier Ornithorynque');
  });
});

describe('list helpers', () => {
  const page = (title: string, type: string, date?: string) => ({ meta: { title, type, ...(date ? { date } : {}) } }) as unknown as Page;

  it('groups by type, known types first, newest first inside and undated pages last by French title', () => {
    const pages = [page('Écluse', 'ressource'), page('Abri', 'ressource'), page('Réunion B', 'compte-rendu', '2026-02-01'), page('Bac', 'ressource', '2026-01-01'), page('Réunion A', 'compte-rendu', '2026-03-01')];
    const groups = groupByType(pages);
    expect(groups.map((g) => [g.key, g.pages.map((p) => p.meta.title)])).toEqual(
      [...groups].map((g) => [g.key, byNewest(pages.filter((p) => p.meta.type === g.key)).map((p) => p.meta.title)]),
    );
    expect(groups.find((g) => g.key === 'ressource')?.pages.map((p) => p.meta.title)).toEqual(['Bac', 'Abri', 'Écluse']);
    expect(groups.find((g) => g.key === 'compte-rendu')?.pages.map((p) => p.meta.title)).toEqual(['Réunion A', 'Réunion B']);
  });
});
