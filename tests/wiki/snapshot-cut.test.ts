/** A snapshot cut short (a crash or a full disk while it was written), even between two lines, or of an older format, is ignored with a log line: every page is read again. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexSnapshotFormat, loadIndexSnapshot } from '../../server/wiki/index-snapshot.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';

let root: string;
let dir: string;
let snapshotFile: string;
let whole: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gare-snapshot-cut-'));
  dir = path.join(root, 'wiki');
  snapshotFile = path.join(root, 'data', 'index-snapshot.ndjson');
  await mkdir(path.join(dir, 'ressources'), { recursive: true });
  for (const name of ['heron', 'canal', 'ecluse']) await writeFile(path.join(dir, 'ressources', `${name}.md`), `---\ntitle: ${name}\n---\n\nVoir [[canal]].\n`);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@localhost' };
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-qm', 'Début']]) execFileSync('git', args, { cwd: dir, env });
  const first = createWikiIndex({ dir, snapshotFile });
  await first.refresh();
  await first.saveSnapshot({ head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim() });
  whole = await readFile(snapshotFile, 'utf8');
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function startOver(text: string): Promise<{ pagesRead: number; logged: string[] }> {
  await writeFile(snapshotFile, text);
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const index = createWikiIndex({ dir, snapshotFile });
    await index.refresh();
    expect(index.all().map((p) => p.meta.title).sort()).toEqual(['canal', 'ecluse', 'heron']);
    return { pagesRead: index.counters.pagesRead, logged: errors.mock.calls.map((c) => String(c[0])) };
  } finally {
    errors.mockRestore();
  }
}

describe('a snapshot that cannot be trusted', () => {
  it('is taken whole when whole', async () => {
    expect(await startOver(whole)).toEqual({ pagesRead: 0, logged: [] });
  });

  it('is refused when cut between two lines, and every page is read', async () => {
    const lines = whole.split('\n');
    // Header and two of the three pages, each line complete: only the count at the end tells.
    const cut = `${lines.slice(0, 3).join('\n')}\n`;
    expect(await loadIndexSnapshot({ file: snapshotFile, settingsText: JSON.parse(lines[0] as string).settingsText })).not.toBe('corrupt');
    await writeFile(snapshotFile, cut);
    expect(await loadIndexSnapshot({ file: snapshotFile, settingsText: JSON.parse(lines[0] as string).settingsText })).toBe('corrupt');
    expect(await startOver(cut)).toEqual({ pagesRead: 3, logged: [expect.stringContaining('instantané des pages illisible')] });
  });

  it('is refused when cut in the middle of a line', async () => {
    expect(await startOver(whole.slice(0, Math.floor(whole.length / 2)))).toEqual({ pagesRead: 3, logged: [expect.stringContaining('instantané des pages illisible')] });
  });

  it('is refused when written in an older format', async () => {
    const older = whole.replace(`"format":${indexSnapshotFormat}`, `"format":${indexSnapshotFormat - 1}`);
    expect(await startOver(older)).toEqual({ pagesRead: 3, logged: [expect.stringContaining('ancien format')] });
  });
});
