import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { safeUnzip } from '../../server/import/safe-unzip.ts';
import { zipBomb, zipWithPath, zipWithSymlink } from './fixtures.ts';

describe('safeUnzip', () => {
  it('reads every file of an ordinary zip', async () => {
    const files = await safeUnzip(zipSync({ 'a/b.md': strToU8('bonjour'), 'c.txt': [strToU8('brut'), { level: 0 }] }));
    expect(new TextDecoder().decode(files.get('a/b.md'))).toBe('bonjour');
    expect(new TextDecoder().decode(files.get('c.txt'))).toBe('brut');
  });

  for (const name of ['../dehors.md', 'a/../../dehors.md', '/etc/cron.d/x', 'a\\..\\b.md', 'C:/windows.md']) {
    it(`refuses an entry path that climbs out: ${name}`, async () => {
      await expect(safeUnzip(zipWithPath(name))).rejects.toMatchObject({ code: 'UnsafeArchive' });
    });
  }

  it('refuses a symbolic link entry', async () => {
    await expect(safeUnzip(zipWithSymlink())).rejects.toMatchObject({ code: 'UnsafeArchive', message: expect.stringContaining('lien symbolique') });
  });

  it('stops a zip bomb while inflating, whatever its headers say', async () => {
    await expect(safeUnzip(zipBomb())).rejects.toMatchObject({ code: 'UnsafeArchive', message: expect.stringContaining('dépasse la taille permise') });
  });

  it('bounds the total inflated size', async () => {
    const zip = zipSync({ 'a.md': new Uint8Array(3000).fill(65), 'b.md': new Uint8Array(3000).fill(66) });
    await expect(safeUnzip(zip, { maxTotalBytes: 5000, maxEntries: 10, maxRatio: 1000, ratioFloorBytes: 0 })).rejects.toMatchObject({ code: 'UnsafeArchive' });
  });

  it('refuses bytes that are not a zip', async () => {
    await expect(safeUnzip(strToU8('PK\u0003\u0004 mais pas un zip'))).rejects.toMatchObject({ code: 'WrongFileType' });
  });
});
