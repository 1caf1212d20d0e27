/** The content door: no read, listing, copy or write ever goes through a symbolic link. */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { contentPath, listContentFolder, readContentText } from '../../server/git/content-files.ts';
import { dropUnsafeIndexEntries } from '../../server/git/index-repair.ts';
import { scanPageFiles } from '../../server/wiki/scan-files.ts';
import { gitEnv, makeTempDir, removeDir } from './helpers.ts';

let dir: string;
let outside: string;

beforeEach(async () => {
  dir = await makeTempDir();
  outside = await makeTempDir('gare-dehors-');
  await writeFile(path.join(outside, 'accounts.sqlite'), 'canari-comptes');
  await writeFile(path.join(outside, 'secret.md'), '---\ntitle: Secret\n---\ncanari\n');
  await mkdir(path.join(outside, 'pads'));
  await writeFile(path.join(outside, 'pads', 'vide.md'), 'canari-pad');
  await mkdir(path.join(dir, 'ressources'));
  await writeFile(path.join(dir, 'ressources', 'vraie.md'), '---\ntitle: Vraie\n---\n');
  await symlink(outside, path.join(dir, 'ressources', 'wiki.fichiers'));
  await symlink(outside, path.join(dir, 'dehors'));
  await symlink(path.join(outside, 'secret.md'), path.join(dir, 'ressources', 'lien.md'));
  await symlink(outside, path.join(dir, '_modeles'));
});
afterEach(async () => {
  await removeDir(dir);
  await removeDir(outside);
});

describe('content files', () => {
  it('lists and reads nothing behind a linked folder or file', async () => {
    expect(await listContentFolder(dir, 'ressources/wiki.fichiers')).toEqual([]);
    expect(await readContentText(dir, 'ressources/wiki.fichiers/accounts.sqlite')).toBeUndefined();
    expect(await readContentText(dir, 'ressources/lien.md')).toBeUndefined();
    expect(await readContentText(dir, 'ressources/vraie.md')).toContain('Vraie');
    await expect(contentPath(dir, 'dehors/x.md')).rejects.toMatchObject({ code: 'UnsafeContentPath' });
  });

  it('indexes no page through a linked folder or file, and reports the links', async () => {
    const scan = await scanPageFiles(dir);
    expect([...scan.pages.keys()]).toEqual(['ressources/vraie.md']);
    expect(scan.skipped.map((s) => s.path)).toEqual(['_modeles', 'dehors', 'ressources/lien.md', 'ressources/wiki.fichiers']);
  });

  it('refuses to write or delete through a linked folder, before touching anything', async () => {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env: gitEnv() });
    const queue = createCommitQueue({ dir, now: () => new Date('2026-03-12T10:00:00Z') });
    const author = { name: 'Tess', email: 'tess@exemple.org' };
    const changes = [{ path: 'ressources/neuve.md', content: 'neuve' }, { path: 'dehors/pads/vide.md', content: 'écrasé' }];
    await expect(queue.commitFiles({ changes, author, message: 'x' })).rejects.toMatchObject({ code: 'UnsafeContentPath' });
    await expect(queue.commitFiles({ changes: [{ path: 'ressources/wiki.fichiers/accounts.sqlite', delete: true }], author, message: 'x' })).rejects.toMatchObject({ code: 'UnsafeContentPath' });
    expect(await readFile(path.join(outside, 'pads', 'vide.md'), 'utf8')).toBe('canari-pad');
    expect(await readFile(path.join(outside, 'accounts.sqlite'), 'utf8')).toBe('canari-comptes');
    expect(await readContentText(dir, 'ressources/neuve.md')).toBeUndefined();
  });
});

describe('index repair', () => {
  it('drops only the entries isomorphic-git refuses, and git still reads the index', async () => {
    const env = gitEnv();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', 'ressources/vraie.md');
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env, input: 'x', encoding: 'utf8' }).trim();
    git('update-index', '--add', '--cacheinfo', `100644,${blob},pieges/a\\..\\..\\x.md`);
    expect(await dropUnsafeIndexEntries(dir)).toEqual(['pieges/a\\..\\..\\x.md']);
    expect(git('ls-files', '--stage').trim().split('\n')).toEqual([expect.stringMatching(/\tressources\/vraie\.md$/)]);
  });
});
