import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureContentRepo } from '../../server/git/seed-repo.ts';
import { root as projectRoot } from '../helpers/start-hub.ts';
import { fixedClock, gitSync, makeTempDir, removeDir, writeFile } from './helpers.ts';

describe('ensureContentRepo', () => {
  let root: string;
  let sample: string;
  beforeEach(async () => {
    root = await makeTempDir();
    sample = path.join(root, 'sample');
    await writeFile(sample, 'accueil.md', '---\ntitle: Accueil\n---\nBienvenue.\n');
    await writeFile(sample, 'ressources/visio.md', '---\ntitle: Visio\n---\nJitsi.\n');
    await writeFile(sample, '_modeles/reunion.md', '---\ntitle: Modèle\n---\n');
  });
  afterEach(() => removeDir(root));

  it('creates a repository on main with the sample wiki in one commit by Gare centrale', async () => {
    const dir = path.join(root, 'wiki');
    const result = await ensureContentRepo({ dir, sampleDir: sample, now: fixedClock() });
    expect(result).toEqual({ created: true });
    expect(gitSync(dir, ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(gitSync(dir, ['branch', '--show-current'])).toBe('main');
    expect(gitSync(dir, ['log', '-1', '--format=%an <%ae>|%s'])).toBe('Gare centrale <gare@localhost>|Wiki d’exemple');
    expect(gitSync(dir, ['ls-files']).split('\n').sort()).toEqual([
      '_modeles/reunion.md',
      'accueil.md',
      'ressources/visio.md',
    ]);
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
  });

  it('gives the same first commit id for the same sample and clock', async () => {
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    await ensureContentRepo({ dir: a, sampleDir: sample, now: fixedClock() });
    await ensureContentRepo({ dir: b, sampleDir: sample, now: fixedClock() });
    expect(gitSync(a, ['rev-parse', 'HEAD'])).toBe(gitSync(b, ['rev-parse', 'HEAD']));
  });

  it('seeds an existing empty folder', async () => {
    const dir = path.join(root, 'empty');
    await fs.promises.mkdir(dir);
    expect(await ensureContentRepo({ dir, sampleDir: sample, now: fixedClock() })).toEqual({ created: true });
  });

  it('leaves an existing repository untouched', async () => {
    const dir = path.join(root, 'wiki');
    await ensureContentRepo({ dir, sampleDir: sample, now: fixedClock() });
    const head = gitSync(dir, ['rev-parse', 'HEAD']);
    expect(await ensureContentRepo({ dir, sampleDir: sample, now: fixedClock() })).toEqual({ created: false });
    expect(gitSync(dir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('refuses a non-empty folder that is not a repository, and writes nothing into it', async () => {
    const dir = path.join(root, 'notes');
    await writeFile(dir, 'perso.md', 'à moi');
    await expect(ensureContentRepo({ dir, sampleDir: sample, now: fixedClock() })).rejects.toMatchObject({
      code: 'NotARepository',
    });
    expect(await fs.promises.readdir(dir)).toEqual(['perso.md']);
  });

  it('seeds the sample wiki with a history: page by page, in date order, by several people, on the pages’ dates', async () => {
    const dir = path.join(root, 'wiki');
    await ensureContentRepo({ dir, sampleDir: path.join(projectRoot, 'content'), now: () => new Date('2026-12-06T12:00:00Z') });
    const log = gitSync(dir, ['log', '--reverse', '--format=%an|%aI|%s']).split('\n').map((l) => l.split('|'));
    expect(log.length).toBeGreaterThan(20);
    const authors = new Set(log.map(([name]) => name));
    expect(authors.size).toBeGreaterThanOrEqual(5);
    expect(authors).toContain('Samia Haddad');
    const dates = log.map(([, date]) => date ?? '');
    expect(dates).toEqual([...dates].sort());
    // A page is added by the commit dated from its front matter, by the person it names.
    const added = gitSync(dir, ['log', '--diff-filter=A', '--format=%an|%as', '--', 'comptes-rendus/2026-03-04-jean-paul-ferrand.md']);
    expect(added).toBe('Nadia Benali|2026-03-04');
    expect(gitSync(dir, ['log', '--diff-filter=A', '--format=%an|%as', '--', 'imports/assemblee-generale-2026.md'])).toBe('Maëlle Le Gall|2026-01-24');
    expect(gitSync(dir, ['status', '--porcelain'])).toBe('');
    // Recent changes on day one name the people of the collective, not the hub.
    expect(log.slice(-5).every(([name]) => name !== 'Gare centrale')).toBe(true);
  });

  it('writes no commit after now: pages dated later are added today', async () => {
    const dir = path.join(root, 'wiki');
    await ensureContentRepo({ dir, sampleDir: path.join(projectRoot, 'content'), now: () => new Date('2026-03-12T12:00:00Z') });
    const dates = gitSync(dir, ['log', '--format=%aI']).split('\n');
    expect(dates.every((d) => Date.parse(d) <= Date.parse('2026-03-12T12:00:00Z'))).toBe(true);
  });
});
