/**
 * Page texts out of memory, seen from outside: the index keeps no body, yet a page is rendered,
 * exported and searched with its text, and a body edit committed through the hub is served at once.
 */
import { rm } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '../../server/access/viewer.ts';
import { savePage } from '../../server/editing/save-page.ts';
import { buildSectionZip } from '../../server/export/section-zip.ts';
import { gitSync, makeTempDir, seedContentRepo } from '../git/helpers.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

const team: Viewer = { role: 'equipe', person: { id: 'alice', name: 'Alice Martin', email: 'alice@example.org' }, sessionId: undefined, csrf: undefined, groups: [] };
const file = (title: string, visibility: string, body: string) => `---\ntitle: ${title}\ntype: ressource\nvisibility: ${visibility}\n---\n\n${body}\n`;
const path = 'ressources/heron-cendre.md';

let root: string;
let gare: TestHub;
beforeAll(async () => {
  root = await makeTempDir();
  const dir = await seedContentRepo(root, {
    [path]: file('Le héron cendré', 'public', 'Le héron guette les grenouilles au bord du canal.'),
    'ressources/fiche-equipe.md': file('Fiche de l’équipe', 'equipe', 'Le code du portail est 4271.'),
  });
  gare = await startTestHub({ contentDir: dir });
  await gare.hub.search.ready;
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('page texts read back', () => {
  it('keeps no text on the index’s pages, and serves it rendered, zipped, through the API and in search', async () => {
    const page = gare.hub.index.get(path);
    expect(page).toBeDefined();
    expect(page).not.toHaveProperty('body');
    expect(page).not.toHaveProperty('source');
    const html = await (await fetch(`${gare.url}/wiki/ressources/heron-cendre`)).text();
    expect(html).toContain('Le héron guette les grenouilles au bord du canal.');
    const visitor = gare.hub.forViewer(anonymous);
    const zip = unzipSync(await buildSectionZip({ reader: visitor, section: 'ressources' }));
    expect(new TextDecoder().decode(zip[path])).toContain('grenouilles');
    expect(Object.keys(zip)).not.toContain('ressources/fiche-equipe.md');
    const api = (await (await fetch(`${gare.url}/api/pages/ressources/heron-cendre`)).json()) as { source: string };
    expect(api.source).toContain('grenouilles');
    expect(visitor.search({ q: 'grenouilles' }).results.map((r) => r.page.path)).toEqual([path]);
  });

  it('gives a viewer nothing of a page they may not read', async () => {
    const visitor = gare.hub.forViewer(anonymous);
    expect(await visitor.pageSource('ressources/fiche-equipe.md')).toBeUndefined();
    const teamPage = gare.hub.forViewer(team).pageAt('ressources/fiche-equipe.md');
    expect(teamPage).toBeDefined();
    expect(await visitor.pageSource(teamPage as NonNullable<typeof teamPage>)).toBeUndefined();
    expect((await gare.hub.forViewer(team).pageSource('ressources/fiche-equipe.md'))?.body).toContain('4271');
  });

  it('serves a body edit committed through the hub at once', async () => {
    const before = await (await fetch(`${gare.url}/wiki/ressources/heron-cendre`)).text();
    expect(before).toContain('grenouilles');
    const page = gare.hub.index.get(path);
    const head = gitSync(gare.hub.config.contentDir, ['rev-parse', 'HEAD']).trim();
    await savePage({
      deps: gare.hub.editing,
      viewer: team,
      path,
      fields: { title: page?.meta.title ?? '', type: 'ressource', tags: [], visibility: 'public' },
      body: 'Le héron s’envole vers les roseaux.\n',
      baseVersion: head,
      message: 'Le héron s’envole',
    });
    const after = await (await fetch(`${gare.url}/wiki/ressources/heron-cendre`)).text();
    expect(after).toContain('Le héron s’envole vers les roseaux.');
    expect(after).not.toContain('grenouilles');
    expect(gare.hub.forViewer(anonymous).search({ q: 'roseaux' }).results.map((r) => r.page.path)).toEqual([path]);
  });
});
