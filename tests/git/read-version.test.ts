import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { diffTexts, readFileAtCommit } from '../../server/git/read-version.ts';
import { ensureContentRepo } from '../../server/git/seed-repo.ts';
import { fixedClock, gitSync, makeTempDir, removeDir, writeFile } from './helpers.ts';

const alice = { name: 'Alice Martin', email: 'alice@example.org' };

describe('readFileAtCommit', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await makeTempDir();
    await writeFile(path.join(root, 'sample'), 'accueil.md', 'Version 1 — « bienvenue »\n');
    dir = path.join(root, 'wiki');
    await ensureContentRepo({ dir, sampleDir: path.join(root, 'sample'), now: fixedClock() });
  });
  afterEach(() => removeDir(root));

  it('reads a page as it was in an old commit, accents included', async () => {
    const seed = gitSync(dir, ['rev-parse', 'HEAD']);
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const first = await queue.commitFiles({ changes: [{ path: 'accueil.md', content: 'Version 2\n' }], author: alice, message: 'v2' });
    await queue.commitFiles({ changes: [{ path: 'accueil.md', content: 'Version 3\n' }], author: alice, message: 'v3' });
    expect(await readFileAtCommit({ dir, oid: first.oid, path: 'accueil.md' })).toBe('Version 2\n');
    expect(await readFileAtCommit({ dir, oid: seed, path: 'accueil.md' })).toBe('Version 1 — « bienvenue »\n');
  });

  it('answers undefined for a file that did not exist in that commit', async () => {
    const queue = createCommitQueue({ dir, now: fixedClock() });
    const { oid } = await queue.commitFiles({ changes: [{ path: 'autre.md', content: 'x' }], author: alice, message: 'x' });
    expect(await readFileAtCommit({ dir, oid, path: 'absente.md' })).toBeUndefined();
    expect(await readFileAtCommit({ dir, oid, path: 'autre.md' })).toBe('x');
  });
});

describe('diffTexts', () => {
  it('pairs a replaced line side by side and counts additions and removals', () => {
    const diff = diffTexts({ before: 'a\nb\nc\n', after: 'a\nB\nc\nd\n' });
    expect(diff.rows).toEqual([
      { kind: 'same', left: { number: 1, text: 'a' }, right: { number: 1, text: 'a' } },
      { kind: 'changed', left: { number: 2, text: 'b' }, right: { number: 2, text: 'B' } },
      { kind: 'same', left: { number: 3, text: 'c' }, right: { number: 3, text: 'c' } },
      { kind: 'added', right: { number: 4, text: 'd' } },
    ]);
    expect([diff.added, diff.removed]).toEqual([2, 1]);
  });

  it('folds long unchanged stretches when asked for context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = before.replace('l10\n', 'dix\n');
    const diff = diffTexts({ before, after, context: 2 });
    expect(diff.rows.map((r) => r.kind)).toEqual(['skip', 'same', 'same', 'changed', 'same', 'same', 'skip']);
    expect(diff.rows[0]).toEqual({ kind: 'skip', count: 8 });
  });
});
