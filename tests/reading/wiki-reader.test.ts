/**
 * The one gate's read side: every answer of a visitor's or a contributor's reader is free of the
 * canary words planted in team pages, while the team's reader sees them. The HTTP leak test
 * knocks at every door; this one asks the interface those doors read through.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '../../server/access/viewer.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { canaries, createLeakRepo, groupCanaries, paths } from '../security/leak-fixture.ts';

let gare: TestHub;
let repo: Awaited<ReturnType<typeof createLeakRepo>>;
const person = (role: Viewer['role']): Viewer => ({ ...anonymous, role, person: { id: role, name: `Personne ${role}`, email: `${role}@exemple.org` } });

beforeAll(async () => {
  repo = await createLeakRepo();
  gare = await startTestHub({ contentDir: repo.dir });
  await gare.hub.search.ready;
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  if (repo) await rm(repo.dir, { recursive: true, force: true });
});

/** Everything a reader answers, gathered as text. */
async function everything(reader: WikiReader): Promise<string> {
  const pages = reader.pages();
  const answers: unknown[] = [
    pages,
    await Promise.all(pages.map(async (p) => [reader.backlinks(p), (await reader.render(p)).html, reader.authors(p), reader.updatedAt(p)])),
    reader.brokenLinks(),
    reader.orphans(),
    reader.problems(),
    reader.tags(),
    reader.tagAliases(),
    Object.values(canaries).map((c) => [reader.page(c), reader.pageByTitle(c), reader.tag(c), reader.search({ q: c }), reader.suggest(c)]),
    [paths.teamA, paths.teamB, paths.teamD].map((p) => [reader.pageAt(p), reader.page(p.replace(/\.md$/, ''))]),
    reader.recentChanges(50),
    reader.changes({ limit: 200 }),
    reader.search({ q: '' }),
    await reader.register(),
    // Texts read back: a page the viewer may not read has none for them, asked by path or by page object.
    await Promise.all([...Object.values(paths), ...pages.map((p) => p.path)].map((p) => reader.pageSource(p))),
    await reader.pads(),
    await reader.padLists(),
    reader.sections(),
    reader.sections().map((s) => reader.sectionTitle(s)),
    ['accompagnements', 'reunions', 'comptes-rendus', 'ressources'].map((s) => reader.sectionTitle(s)),
    reader.people(),
  ];
  for (const p of pages) answers.push(await reader.versions(p.path));
  return JSON.stringify(answers);
}

describe('the reader scoped to a viewer', () => {
  it('gives a visitor and a contributor nothing of the team pages', async () => {
    for (const viewer of [anonymous, person('contributeur')]) {
      const text = (await everything(gare.hub.forViewer(viewer))).toLowerCase();
      const found = Object.values(canaries).filter((c) => text.includes(c.toLowerCase()));
      expect(found, viewer.role).toEqual([]);
    }
  });

  it('gives the team its pages, their tags and their decisions', async () => {
    const reader = gare.hub.forViewer(person('equipe'));
    expect(reader.pageAt(paths.teamA)?.meta.title).toContain(canaries.titleA);
    expect(reader.tags().map((t) => t.label)).toContain(canaries.tagA);
    expect(JSON.stringify(await reader.register())).toContain(canaries.decisionB);
    expect((await reader.pageSource(paths.teamA))?.source).toContain(canaries.titleA);
    // The page object itself does not open the door to a visitor: the reader checks it again.
    const teamPage = reader.pageAt(paths.teamA);
    expect(teamPage).toBeDefined();
    expect(await gare.hub.forViewer(anonymous).pageSource(teamPage as NonNullable<typeof teamPage>)).toBeUndefined();
    expect(reader.can('team.read')).toBe(true);
  });

  it('answers a team page asked by slug, path or title as missing for a visitor', () => {
    const reader = gare.hub.forViewer(anonymous);
    expect(reader.pageAt(paths.teamA)).toBeUndefined();
    expect(reader.page(paths.teamA.replace(/\.md$/, ''))).toBeUndefined();
    expect(reader.pageByTitle(canaries.titleA)).toBeUndefined();
    expect(reader.mayLoadBundle('equipe')).toBe(false);
    expect(reader.mayLoadBundle('public')).toBe(true);
  });

  it('refuses the version history of a team page to a visitor', async () => {
    await expect(gare.hub.forViewer(anonymous).versions(paths.teamA)).rejects.toMatchObject({ code: 'PageNotFound' });
    expect((await gare.hub.forViewer(person('equipe')).versions(paths.teamA)).versions.length).toBeGreaterThan(0);
  });
});

describe('the reader and a group’s pages', () => {
  const groupWords: readonly string[] = Object.values(groupCanaries).filter((c) => c !== groupCanaries.pad && c !== groupCanaries.attachmentText);
  const member = (role: Viewer['role']): Viewer => ({ ...person(role), groups: ['accompagnement-renforce'] });
  /** Every answer, plus the group's own pages asked by path, slug, title, tag and words. */
  async function groupAnswers(reader: WikiReader): Promise<string> {
    const asked = [paths.groupSection, paths.groupOwn].map((p) => [reader.pageAt(p), reader.page(p.replace(/\.md$/, ''))]);
    const words = groupWords.map((c) => [reader.page(c), reader.pageByTitle(`Suivi ${c}`), reader.tag(c), reader.search({ q: c }), reader.suggest(c)]);
    const own = await Promise.all([paths.groupSection, paths.groupOwn].map((p) => reader.versions(p).catch(() => undefined)));
    return `${await everything(reader)}${JSON.stringify([asked, words, own, reader.searchBundle(), await reader.attachments(paths.groupSection).catch(() => [])])}`.toLowerCase();
  }

  it('gives nothing of them to a visitor, a contributeur or a team member outside the group', async () => {
    for (const viewer of [anonymous, person('contributeur'), person('equipe')]) {
      const text = await groupAnswers(gare.hub.forViewer(viewer));
      expect(groupWords.filter((c) => text.includes(c.toLowerCase())), viewer.role).toEqual([]);
      expect(gare.hub.forViewer(viewer).mayLoadBundle('groupe-accompagnement-renforce'), viewer.role).toBe(false);
    }
  });

  it('gives them to a member, whatever the member’s role, and to an admin', async () => {
    for (const viewer of [member('equipe'), member('contributeur'), person('admin')]) {
      const text = await groupAnswers(gare.hub.forViewer(viewer));
      const wanted = [groupCanaries.title, groupCanaries.body, groupCanaries.tag, groupCanaries.decision, groupCanaries.ownGroupsBody, groupCanaries.slug];
      expect(wanted.filter((c) => !text.includes(c.toLowerCase())), viewer.role).toEqual([]);
      expect(gare.hub.forViewer(viewer).mayLoadBundle('groupe-accompagnement-renforce'), viewer.role).toBe(true);
    }
    // The commit message of the group page is the members' (a team member outside sees neutral words).
    const messages = (viewer: Viewer) => JSON.stringify(gare.hub.forViewer(viewer).changes({ limit: 200 }));
    expect(messages(member('equipe'))).toContain(groupCanaries.commit);
    expect(messages(person('equipe'))).not.toContain(groupCanaries.commit);
  });

  // Readable pages, tags and sections are computed once per index version and audience: a change
  // must reach the lists of the audience that reads it at once, and only those.
  it('brings a new group page into its members’ lists at once, and into nobody else’s', async () => {
    const titles = (viewer: Viewer) => gare.hub.forViewer(viewer).pages().map((p) => p.meta.title);
    const tags = (viewer: Viewer) => gare.hub.forViewer(viewer).tags().map((t) => t.label);
    const outsiderBefore = titles(person('equipe')).length;
    expect(titles(member('equipe'))).not.toContain('Nouvelle du suivi');
    await writeFile(path.join(repo.dir, 'suivi-renforce/nouvelle-du-suivi.md'), '---\ntitle: Nouvelle du suivi\ntags: [Étiquette toute neuve]\n---\nTexte.\n');
    await gare.hub.sync();
    expect(titles(member('equipe'))).toContain('Nouvelle du suivi');
    expect(tags(member('equipe'))).toContain('Étiquette toute neuve');
    expect(titles(person('equipe'))).toHaveLength(outsiderBefore);
    expect(tags(person('equipe'))).not.toContain('Étiquette toute neuve');
    expect(titles(anonymous)).not.toContain('Nouvelle du suivi');
  });
});
