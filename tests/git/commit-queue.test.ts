import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { acquireRepoLock, ownerLine } from '../../server/git/repo-lock.ts';
import { fixedClock, gitSync, makeTempDir, removeDir, seedContentRepo } from './helpers.ts';

const alice = { name: 'Alice Martin', email: 'alice@example.org' };

describe('createCommitQueue', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    dir = await seedContentRepo(root, { 'accueil.md': 'Bienvenue.\n', 'outils/tableur.md': 'Tableur.\n' });
  });
  afterEach(() => removeDir(root));

  it('commits a page with its real author and leaves a clean working tree', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock('2026-03-13T08:00:00Z') });
    const { oid } = await queue.commitFiles({
      changes: [{ path: 'ressources/visio.md', content: '# Visio\n' }],
      author: alice,
      message: 'Ajoute la fiche visio',
    });
    expect(gitSync(dir, ['rev-parse', 'HEAD'])).toBe(oid);
    expect(gitSync(dir, ['log', '-1', '--format=%an <%ae>|%s|%aI'])).toBe(
      'Alice Martin <alice@example.org>|Ajoute la fiche visio|2026-03-13T08:01:00+00:00',
    );
    expect(gitSync(dir, ['show', 'HEAD:ressources/visio.md'])).toBe('# Visio');
    expect(gitSync(dir, ['show', 'HEAD:accueil.md'])).toBe('Bienvenue.');
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
  });

  it('credits co-authors with Co-authored-by trailers', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    await queue.commitFiles({
      changes: [{ path: 'pads/reunion.md', content: 'Décisions\n' }],
      author: alice,
      message: 'Publie le pad',
      coAuthors: [{ name: 'Bob', email: 'bob@example.org' }],
    });
    expect(gitSync(dir, ['log', '-1', '--format=%(trailers:key=Co-authored-by,valueonly)'])).toBe('Bob <bob@example.org>');
  });

  it('deletes a file and drops its emptied folder', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    await queue.commitFiles({ changes: [{ path: 'outils/tableur.md', delete: true }], author: alice, message: 'Retire' });
    expect(gitSync(dir, ['ls-files'])).toBe('accueil.md');
    expect(fs.existsSync(path.join(dir, 'outils'))).toBe(false);
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
  });

  it('keeps all 25 edits made at the same moment, each in its own commit', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        queue.commitFiles({
          changes: [{ path: `cr/entretien-${i}.md`, content: `Compte-rendu ${i}\n` }],
          author: { name: `Personne ${i}`, email: `p${i}@example.org` },
          message: `Compte-rendu ${i}`,
        }),
      ),
    );
    const log = gitSync(dir, ['log', '--format=%H']).split('\n');
    expect(log).toHaveLength(26);
    for (const { oid } of results) expect(log).toContain(oid);
    expect(gitSync(dir, ['ls-files', 'cr']).split('\n')).toHaveLength(25);
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
    expect(gitSync(dir, ['fsck', '--no-dangling'])).toBe('');
  });

  it('refuses a commit based on an old head and changes nothing', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const before = gitSync(dir, ['rev-parse', 'HEAD']);
    await queue.commitFiles({ changes: [{ path: 'a.md', content: 'a' }], author: alice, message: 'a' });
    await expect(
      queue.commitFiles({ changes: [{ path: 'b.md', content: 'b' }], author: alice, message: 'b', expectedHead: before }),
    ).rejects.toMatchObject({ code: 'HeadChanged' });
    expect(fs.existsSync(path.join(dir, 'b.md'))).toBe(false);
  });

  it('refuses paths that escape the repository or touch .git', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    for (const bad of ['../dehors.md', '.git/config', 'a//b.md', '/abs.md']) {
      await expect(
        queue.commitFiles({ changes: [{ path: bad, content: 'x' }], author: alice, message: 'x' }),
      ).rejects.toMatchObject({ code: 'InvalidSlug' });
    }
  });

  it('waits for a lock held by a live process, and takes over at once the lock of one that died', async () => {
    const lock = path.join(dir, '.git', 'gare.lock');
    await fs.promises.writeFile(lock, ownerLine());
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const pending = queue.commitFiles({ changes: [{ path: 'a.md', content: 'a' }], author: alice, message: 'a' });
    await new Promise((r) => setTimeout(r, 150));
    expect(gitSync(dir, ['rev-list', '--count', 'HEAD'])).toBe('1');
    await fs.promises.rm(lock);
    await pending;
    expect(gitSync(dir, ['rev-list', '--count', 'HEAD'])).toBe('2');
    // A hub killed while holding both locks (SIGKILL): its fresh lock files name a dead process.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const dead = `gare-centrale ${os.hostname()} ${child.pid} -\n`;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await fs.promises.writeFile(lock, dead);
    await fs.promises.writeFile(path.join(dir, '.git', 'index.lock'), dead);
    // Without the owner check this waits 15 s and fails: the lock is too fresh to look stale.
    await queue.commitFiles({ changes: [{ path: 'b.md', content: 'b' }], author: alice, message: 'b' });
    expect(gitSync(dir, ['rev-list', '--count', 'HEAD'])).toBe('3');
    expect(fs.existsSync(lock)).toBe(false);
    expect(fs.existsSync(path.join(dir, '.git', 'index.lock'))).toBe(false);
  });

  it('keeps a git command out while it commits, and never removes git’s own index.lock', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const release = await acquireRepoLock({ dir });
    expect(() => gitSync(dir, ['commit', '--allow-empty', '-q', '-m', 'terminal'])).toThrow(/index\.lock/);
    await release();
    // A git process that crashed leaves its own lock: the hub waits and says so, a person decides.
    await fs.promises.writeFile(path.join(dir, '.git', 'index.lock'), 'DIRC');
    await expect(acquireRepoLock({ dir, timeoutMs: 200 })).rejects.toMatchObject({ code: 'RepositoryBusy' });
    expect(fs.existsSync(path.join(dir, '.git', 'index.lock'))).toBe(true);
    await fs.promises.rm(path.join(dir, '.git', 'index.lock'));
    await queue.commitFiles({ changes: [{ path: 'c.md', content: 'c' }], author: alice, message: 'c' });
  });

  it('waits for a git command in a terminal to release the index before committing', async () => {
    const indexLock = path.join(dir, '.git', 'index.lock');
    await fs.promises.writeFile(indexLock, '');
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const pending = queue.commitFiles({ changes: [{ path: 'a.md', content: 'a' }], author: alice, message: 'a' });
    await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(path.join(dir, 'a.md'))).toBe(false);
    await fs.promises.rm(indexLock);
    await pending;
    expect(gitSync(dir, ['log', '-1', '--format=%s'])).toBe('a');
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
  });
});
