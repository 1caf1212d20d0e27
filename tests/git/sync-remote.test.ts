import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideAndCommit, type DecideAtHead } from '../../server/git/commit-at-head.ts';
import { createCommitQueue, type CommitQueue } from '../../server/git/commit-queue.ts';
import { createRemoteSync, type SyncStatus } from '../../server/git/sync-remote.ts';
import { startGitHttpServer } from './http-git-server.ts';
import { fixedClock, gitRun, gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from './helpers.ts';

const token = 'jeton-secret';
const alice = { name: 'Alice Martin', email: 'alice@example.org' };
const page = '---\ntitle: Réunion\n---\n\nOrdre du jour\n\nDécisions\n\nActions\n';

describe('createRemoteSync', () => {
  let root: string;
  let dir: string;
  let server: Awaited<ReturnType<typeof startGitHttpServer>>;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'reunion.md': page, 'accueil.md': 'Bienvenue.\n' });
    fs.mkdirSync(path.join(root, 'forge'));
    gitSync(path.join(root, 'forge'), ['init', '-q', '--bare', '-b', 'main', 'wiki.git']);
    server = await startGitHttpServer({ root: path.join(root, 'forge'), token });
  });
  afterEach(async () => {
    await server.close();
    await removeDir(root);
  });

  // The hub passes its editing service; here the same decide-and-commit over the queue, without the hub.
  const headWriter = (queue: CommitQueue) => ({ commitAtHead: <T>(decide: DecideAtHead<T>) => decideAndCommit({ dir, commits: queue, decide }) });
  const setup = () => {
    const queue = createCommitQueue({ dir, now: fixedClock('2026-04-01T00:00:00Z') });
    const statuses: SyncStatus[] = [];
    const sync = createRemoteSync({ dir, url: server.url('wiki.git'), token, now: () => new Date(), editing: headWriter(queue), onStatus: (s) => void statuses.push(s) });
    return { queue, sync, statuses };
  };
  const clone = async (): Promise<string> => {
    const other = path.join(root, 'laptop');
    await gitRun(root, ['clone', '-q', server.url('wiki.git', `tess:${token}`), other]);
    return other;
  };

  it('pushes the wiki to an empty forge repository', async () => {
    const { sync } = setup();
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: true, code: 'Synced', pushed: true, pulled: 'none' });
    const other = await clone();
    expect(fs.readFileSync(path.join(other, 'reunion.md'), 'utf8')).toBe(page);
  });

  it('brings in a page pushed from a laptop and shows it in the working tree', async () => {
    const { sync } = setup();
    await sync.syncNow();
    const other = await clone();
    await writeFile(other, 'nouvelle.md', 'Écrite sur le portable.\n');
    await gitRun(other, ['add', 'nouvelle.md']);
    await gitRun(other, ['commit', '-qm', 'Depuis le portable']);
    await gitRun(other, ['push', '-q']);
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: true, pulled: 'fast-forward', pushed: false });
    expect(gitSync(dir, ['rev-parse', 'HEAD'])).toBe(gitSync(other, ['rev-parse', 'HEAD']));
    expect(fs.readFileSync(path.join(dir, 'nouvelle.md'), 'utf8')).toBe('Écrite sur le portable.\n');
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
  });

  it('merges edits made on both sides at once when they do not overlap, on both sides', async () => {
    const { sync, queue } = setup();
    await sync.syncNow();
    const other = await clone();
    await writeFile(other, 'reunion.md', page.replace('Actions', 'Actions : Tess relance'));
    await gitRun(other, ['commit', '-qam', 'Actions depuis le portable']);
    await gitRun(other, ['push', '-q']);
    await queue.commitFiles({ changes: [{ path: 'reunion.md', content: page.replace('Ordre du jour', 'Ordre du jour : budget') }], author: alice, message: 'Ordre du jour' });
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: true, pulled: 'merge', pushed: true, conflicts: [] });
    const merged = page.replace('Actions', 'Actions : Tess relance').replace('Ordre du jour', 'Ordre du jour : budget');
    expect(fs.readFileSync(path.join(dir, 'reunion.md'), 'utf8')).toBe(merged);
    expect(gitSync(dir, ['rev-list', '--parents', '-1', 'HEAD']).split(' ')).toHaveLength(3);
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
    await gitRun(other, ['pull', '-q', '--ff-only']);
    expect(fs.readFileSync(path.join(other, 'reunion.md'), 'utf8')).toBe(merged);
    expect(gitSync(other, ['log', '--format=%an', '-3']).split('\n')).toEqual(['Gare centrale', 'Alice Martin', 'Terminal Tess']);
  });

  it('keeps both versions when the same lines were changed on both sides', async () => {
    const { sync, queue } = setup();
    await sync.syncNow();
    const other = await clone();
    await writeFile(other, 'reunion.md', page.replace('Décisions', 'Décisions : on valide'));
    await gitRun(other, ['commit', '-qam', 'Décision portable']);
    await gitRun(other, ['push', '-q']);
    await queue.commitFiles({ changes: [{ path: 'reunion.md', content: page.replace('Décisions', 'Décisions : on reporte') }], author: alice, message: 'Décision hub' });
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: true, pulled: 'merge', pushed: true, conflicts: [{ path: 'reunion.md', savedAs: 'reunion.distant.md' }] });
    expect(status.message).toContain('reunion.distant.md');
    expect(fs.readFileSync(path.join(dir, 'reunion.md'), 'utf8')).toContain('on reporte');
    expect(fs.readFileSync(path.join(dir, 'reunion.distant.md'), 'utf8')).toContain('on valide');
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
    await gitRun(other, ['pull', '-q', '--ff-only']);
    expect(fs.readFileSync(path.join(other, 'reunion.distant.md'), 'utf8')).toContain('on valide');
  });

  it('reports a refused token in French and pushes nothing', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const sync = createRemoteSync({ dir, url: server.url('wiki.git'), token: 'mauvais', now: () => new Date(), editing: headWriter(queue) });
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: false, code: 'AuthRejected', pushed: false });
    expect(status.message).toMatch(/jeton/);
    expect(gitSync(path.join(root, 'forge', 'wiki.git'), ['rev-list', '--all'])).toBe('');
  });

  it('reports a forge that is down, keeps local commits, and catches up when it is back', async () => {
    const { sync, queue } = setup();
    await server.close();
    await queue.commitFiles({ changes: [{ path: 'hors-ligne.md', content: 'x\n' }], author: alice, message: 'Hors ligne' });
    const down = await sync.syncNow();
    expect(down).toMatchObject({ ok: false, code: 'RemoteUnreachable' });
    expect(down.message).toMatch(/injoignable/);
    server = await startGitHttpServer({ root: path.join(root, 'forge'), token });
    const again = createRemoteSync({ dir, url: server.url('wiki.git'), token, now: () => new Date(), editing: headWriter(queue) });
    expect(await again.syncNow()).toMatchObject({ ok: true, pushed: true });
  });

  it('retries on schedule with a growing delay while the forge is down', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    await server.close();
    const statuses: SyncStatus[] = [];
    const sync = createRemoteSync({ dir, url: server.url('wiki.git'), token, now: () => new Date(), editing: headWriter(queue), onStatus: (s) => void statuses.push(s) });
    sync.start(40);
    await new Promise((r) => setTimeout(r, 700));
    sync.stop();
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    const gaps = statuses.slice(0, 3).map((s) => Date.parse(s.nextAttemptAt ?? '') - Date.parse(s.at));
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(gaps[2]).toBeGreaterThan(gaps[1] ?? 0);
  });

  it('refuses to overwrite a page edited on the server without a commit, and says so', async () => {
    const { sync } = setup();
    await sync.syncNow();
    const other = await clone();
    await writeFile(other, 'accueil.md', 'Depuis le portable.\n');
    await gitRun(other, ['commit', '-qam', 'Accueil portable']);
    await gitRun(other, ['push', '-q']);
    await writeFile(dir, 'accueil.md', 'Retouche à la main, non commitée.\n');
    const status = await sync.syncNow();
    expect(status).toMatchObject({ ok: false, code: 'LocalChangesBlocked' });
    expect(status.message).toContain('accueil.md');
    expect(fs.readFileSync(path.join(dir, 'accueil.md'), 'utf8')).toBe('Retouche à la main, non commitée.\n');
  });
});
