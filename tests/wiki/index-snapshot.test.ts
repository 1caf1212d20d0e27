/** The parsed pages saved for the next start: taken back only for the same commit and settings, and a file with the same stamp. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSnapshotKey, loadIndexSnapshot, reusablePage, saveIndexSnapshot } from '../../server/wiki/index-snapshot.ts';
import { parsePage } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('index snapshot', () => {
  it('gives back a page parsed at the same commit and settings while its file stamp is unchanged', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gare-snapshot-'));
    const file = path.join(dir, 'index-snapshot.json');
    const p = 'ressources/heron.md' as PagePath;
    const page = parsePage({ path: p, source: '---\ntitle: Le héron\n---\n\nAu bord du canal.\n', settings: emptySettings });
    const stamp = { size: 42, mtimeMs: 1_700_000_000_000 };
    const key = indexSnapshotKey({ head: 'abc', settingsText: '{}' });
    await saveIndexSnapshot({ file, key, pages: [[p, stamp, page]] });

    const snapshot = await loadIndexSnapshot({ file, key });
    expect(reusablePage(snapshot, p, stamp)).toEqual(page);
    expect(reusablePage(snapshot, p, { ...stamp, mtimeMs: stamp.mtimeMs + 1 })).toBeUndefined();
    expect(await loadIndexSnapshot({ file, key: indexSnapshotKey({ head: 'def', settingsText: '{}' }) })).toBeUndefined();
    expect(await loadIndexSnapshot({ file, key: indexSnapshotKey({ head: 'abc', settingsText: '{"licence":"x"}' }) })).toBeUndefined();
    await writeFile(file, '{ cassé');
    expect(await loadIndexSnapshot({ file, key })).toBeUndefined();
  });
});
