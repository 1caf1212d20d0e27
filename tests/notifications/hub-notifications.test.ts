import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let camille: TestSession; // équipe, « Camille Dupont »
let camilleM: TestSession; // contributeur, « Camille Martin »
let bruno: TestSession; // contributeur
let zoe: TestSession; // équipe, writes the pages

beforeAll(async () => {
  gare = await startTestHub();
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  camilleM = await signIn(gare.hub, 'contributeur', 'Camille Martin');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
}, 60_000);
afterAll(() => gare?.stop());

/**
 * Commits a page as `who` (as a pull would: the commit first, then the file in the working tree,
 * so the hub's watcher never sees the new text before its commit), then lets the hub notify.
 */
async function commit(who: TestSession, file: string, frontMatter: string, body: string): Promise<void> {
  const dir = gare.hub.config.contentDir;
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-C', dir, '-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, ...args], { stdio: 'pipe', encoding: 'utf8', ...(input === undefined ? {} : { input }) }).trim();
  const blob = git(['hash-object', '-w', '--stdin'], `---\n${frontMatter}\n---\n\n${body}\n`);
  git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`]);
  git(['commit', '-q', '-m', `Écrit ${file}`]);
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  git(['checkout', 'HEAD', '--', file]);
  await gare.hub.sync();
  await gare.hub.notifications.idle();
}

const kinds = async (who: TestSession) => (await gare.hub.notifications.store.list({ userId: who.id, limit: 200 })).map((n) => `${n.kind} ${n.target}`);

describe('mentions in pages', () => {
  it('notifies a person mentioned by a unique handle, once, and never the author', async () => {
    await commit(zoe, 'reunions/point-a.md', 'title: Point A\ntype: reunion\nvisibility: equipe', '@Camille.Dupont peux-tu relire ? @Zoé aussi.');
    expect(await kinds(camille)).toContain('mention reunions/point-a.md');
    expect(await kinds(zoe)).not.toContain('mention reunions/point-a.md');
    const n = (await gare.hub.notifications.store.list({ userId: camille.id }))[0];
    expect(n?.data).toMatchObject({ title: 'Point A', excerpt: '@Camille.Dupont peux-tu relire ? @Zoé aussi.' });
    expect(n?.actorName).toBe('Zoé Leroy');
    // Editing the page around the old mention tells nobody again.
    const before = await gare.hub.notifications.store.countUnread(camille.id);
    await commit(zoe, 'reunions/point-a.md', 'title: Point A\ntype: reunion\nvisibility: equipe', '@Camille.Dupont peux-tu relire ? @Zoé aussi.\n\nUn ajout.');
    expect(await gare.hub.notifications.store.countUnread(camille.id)).toBe(before);
  });

  it('an ambiguous first name notifies nobody; a unique one does', async () => {
    await commit(zoe, 'ressources/fiche-b.md', 'title: Fiche B\ntype: ressource\nvisibility: public', 'Merci @Camille et @Bruno.');
    expect(await kinds(camille)).not.toContain('mention ressources/fiche-b.md');
    expect(await kinds(camilleM)).not.toContain('mention ressources/fiche-b.md');
    expect(await kinds(bruno)).toContain('mention ressources/fiche-b.md');
  });

  it('a mention of someone who cannot read the page stores nothing and counts nothing', async () => {
    const before = await gare.hub.notifications.store.countUnread(bruno.id);
    await commit(zoe, 'accompagnements/dossier-c.md', 'title: Dossier C\ntype: accompagnement\nvisibility: equipe', '@Bruno ne doit rien savoir de ce dossier.');
    expect(await kinds(bruno)).not.toContain('mention accompagnements/dossier-c.md');
    expect(await gare.hub.notifications.store.countUnread(bruno.id)).toBe(before);
  });

  it('a new action owner gets action-assigned (not a second mention)', async () => {
    await commit(zoe, 'reunions/point-d.md', 'title: Point D\ntype: reunion\nvisibility: public\ndate: 2026-03-10', '- [ ] Action : envoyer le bilan @Bruno avant le 2026-03-20');
    expect((await kinds(bruno)).filter((k) => k.endsWith('reunions/point-d.md'))).toEqual(['action-assigned reunions/point-d.md']);
  });
});

describe('following', () => {
  it('an author follows what they wrote and hears of others’ changes, not their own', async () => {
    expect(await gare.hub.notifications.follows.isFollowing(zoe.id, 'page', 'reunions/point-a.md')).toBe(true);
    await commit(camille, 'reunions/point-a.md', 'title: Point A\ntype: reunion\nvisibility: equipe', 'Relu, merci.');
    expect(await kinds(zoe)).toContain('page-changed reunions/point-a.md');
    expect(await kinds(camille)).not.toContain('page-changed reunions/point-a.md');
  });

  it('follow a tag, then a page in it changes: one notification for that page', async () => {
    await gare.hub.notifications.follows.setFollow(bruno.id, { kind: 'tag', target: 'france-travail', follow: true });
    await gare.hub.notifications.follows.setFollow(bruno.id, { kind: 'section', target: 'ressources', follow: true });
    await commit(zoe, 'ressources/fiche-e.md', 'title: Fiche E\ntype: ressource\nvisibility: public\ntags: [France Travail]', 'Texte.');
    expect((await kinds(bruno)).filter((k) => k.endsWith('fiche-e.md'))).toEqual(['page-changed ressources/fiche-e.md']);
  });

  it('register followers hear of a meeting whose decisions changed, not of other edits', async () => {
    await gare.hub.notifications.follows.setFollow(camilleM.id, { kind: 'register', target: '', follow: true });
    const fm = 'title: Réunion F\ntype: reunion\nvisibility: public\ndate: 2026-03-11';
    await commit(zoe, 'reunions/reunion-f.md', fm, 'Ordre du jour.');
    expect((await kinds(camilleM)).filter((k) => k.endsWith('reunion-f.md'))).toEqual([]);
    await commit(zoe, 'reunions/reunion-f.md', fm, 'Ordre du jour.\n\nDécision : on garde le jeudi.');
    expect((await kinds(camilleM)).filter((k) => k.endsWith('reunion-f.md'))).toEqual(['page-changed reunions/reunion-f.md']);
  });

  it('an unfollowed page stays unfollowed when its author saves it again', async () => {
    await gare.hub.notifications.follows.setFollow(zoe.id, { kind: 'page', target: 'ressources/fiche-e.md', follow: false });
    await commit(zoe, 'ressources/fiche-e.md', 'title: Fiche E\ntype: ressource\nvisibility: public\ntags: [France Travail]', 'Texte revu.');
    expect(await gare.hub.notifications.follows.isFollowing(zoe.id, 'page', 'ressources/fiche-e.md')).toBe(false);
  });
});
