import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempDir, usePadCleanups } from './helpers.ts';

const { cleanups } = usePadCleanups();

describe('pads restricted to a group', () => {
  it('keeps older pads without groups, stores a group, and no longer counts a group pad as public', async () => {
    const dir = await tempDir();
    // A database as the pad server wrote it before groups existed.
    const old = new DatabaseSync(join(dir, 'pads.sqlite'));
    old.exec(`CREATE TABLE pads (name TEXT PRIMARY KEY, title TEXT, template TEXT, archived INTEGER NOT NULL DEFAULT 0,
      published_path TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, visibility TEXT NOT NULL DEFAULT 'equipe');
      INSERT INTO pads (name, title, created_at, updated_at, visibility) VALUES ('atelier', 'Atelier', 1, 1, 'public');`);
    old.close();

    const { pads, close } = await startServer({ dir });
    cleanups.push(close);
    expect(await pads.getMeta('atelier')).toMatchObject({ visibility: 'public', groups: [] });
    expect(await pads.hasPublicPads()).toBe(true);
    await pads.updateMeta('atelier', { groups: ['Accompagnement', 'Accompagnement'] });
    expect(await pads.getMeta('atelier')).toMatchObject({ visibility: 'public', groups: ['Accompagnement'] });
    // Public to the group only: the pads page no longer opens to visitors for it.
    expect(await pads.hasPublicPads()).toBe(false);
    await pads.updateMeta('atelier', { groups: [] });
    expect(await pads.hasPublicPads()).toBe(true);
  });
});
