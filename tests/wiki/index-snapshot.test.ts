/** The parsed pages saved for the next start: taken back only in the same format and settings, and for a file with the same stamp. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSnapshotFormat, loadIndexSnapshot, reusablePage, saveIndexSnapshot } from '../../server/wiki/index-snapshot.ts';
import { extractLinks } from '../../server/wiki/links.ts';
import { parsePageText } from '../../server/wiki/parse-page.ts';
import { emptySettings } from '../../server/wiki/repo-settings.ts';
import type { PagePath } from '../../server/wiki/paths.ts';

let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('index snapshot', () => {
  it('gives back a page parsed with the same settings while its file stamp is unchanged, and refuses anything else', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gare-snapshot-'));
    const file = path.join(dir, 'index-snapshot.ndjson');
    const p = 'ressources/heron.md' as PagePath;
    const { page, body } = parsePageText({ path: p, source: '---\ntitle: Le héron\n---\n\nAu bord du [[Canal]].\n', settings: emptySettings });
    const raw = extractLinks(body, { path: p });
    const stamp = { size: 42, mtimeMs: 1_700_000_000_000 };
    const scan = { pages: new Map([[p, stamp]]), skipped: [{ path: 'lien.md', kind: 'link' as const }], markers: new Map([['mkdocs.yml', { size: 3, mtimeMs: 4 }]]), files: ['schema.png'] };
    await saveIndexSnapshot({ file, head: 'abc', settingsText: '{}', scan, pages: [[p, stamp, page, raw]] });

    const snapshot = await loadIndexSnapshot({ file, settingsText: '{}' });
    if (typeof snapshot === 'string') throw new Error(snapshot);
    expect(snapshot).toMatchObject({ head: 'abc', scan });
    expect(reusablePage(snapshot, p, stamp)).toEqual({ stamp, page, raw });
    expect(reusablePage(snapshot, p, { ...stamp, mtimeMs: stamp.mtimeMs + 1 })).toBeUndefined();
    expect(await loadIndexSnapshot({ file, settingsText: '{"licence":"x"}' })).toBe('settings');
    expect(await loadIndexSnapshot({ file: path.join(dir, 'absent.ndjson'), settingsText: '{}' })).toBe('missing');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(`"format":${indexSnapshotFormat}`, '"format":1'));
    expect(await loadIndexSnapshot({ file, settingsText: '{}' })).toBe('format');
    await writeFile(file, `${text.slice(0, -20)}\n`);
    expect(await loadIndexSnapshot({ file, settingsText: '{}' })).toBe('corrupt');
    await writeFile(file, '{ cassé');
    expect(await loadIndexSnapshot({ file, settingsText: '{}' })).toBe('corrupt');
  });
});
