import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPadStore, migratePadStore } from '../../server/pads/pad-store.ts';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import type { SqlStore } from '../../server/store/sql.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { synced, tempDir, usePadCleanups, waitFor } from './helpers.ts';

const textOf = (updates: Uint8Array[]): string => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText(PAD_TEXT).toString();
};
const typed = (doc: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => (update = u));
  doc.getText(PAD_TEXT).insert(doc.getText(PAD_TEXT).length, text);
  return update!;
};

describe('a pads.sqlite written before the store interface', () => {
  const { server } = usePadCleanups();

  it('opens unchanged: same rows, same text, same metadata', async () => {
    const dir = await tempDir();
    // Exactly what the pad server wrote before issue 13 (schema, then the visibility migration).
    const old = new DatabaseSync(join(dir, 'pads.sqlite'));
    old.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS pad_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, pad TEXT NOT NULL, data BLOB NOT NULL, user_id TEXT, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS pad_updates_by_pad ON pad_updates (pad, id);
      CREATE TABLE IF NOT EXISTS pads (name TEXT PRIMARY KEY, title TEXT, template TEXT, archived INTEGER NOT NULL DEFAULT 0, published_path TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS pad_contributors (pad TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, PRIMARY KEY (pad, user_id));
      ALTER TABLE pads ADD COLUMN visibility TEXT NOT NULL DEFAULT 'equipe';
      ALTER TABLE pads ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';`);
    const doc = new Y.Doc();
    const insert = old.prepare('INSERT INTO pad_updates (pad, data, user_id, at) VALUES (?, ?, ?, ?)');
    insert.run('ancien', typed(doc, 'Compte rendu. '), 'alice', 1);
    insert.run('ancien', typed(doc, 'Décision prise.'), 'alice', 2);
    old.exec(`INSERT INTO pads (name, title, created_at, updated_at, visibility, groups) VALUES ('ancien', 'Ancien', 1, 2, 'public', '["Accueil"]');
      INSERT INTO pad_contributors VALUES ('ancien', 'alice', 'Alice', NULL, 1, 2);`);
    old.close();

    const { pads } = await server({ dir });
    expect(await pads.getText('ancien')).toBe('Compte rendu. Décision prise.');
    expect(await pads.getMeta('ancien')).toMatchObject({ title: 'Ancien', visibility: 'public', groups: ['Accueil'], createdAt: 1 });
    expect(await pads.contributorsOf('ancien')).toEqual([{ id: 'alice', name: 'Alice' }]);
    const after = new DatabaseSync(join(dir, 'pads.sqlite'), { readOnly: true });
    try {
      expect(after.prepare('SELECT count(*) AS n FROM pad_updates').get()?.['n']).toBe(2);
      expect(after.prepare("SELECT version FROM gare_schema WHERE name = 'pads'").get()?.['version']).toBe(1);
    } finally {
      after.close();
    }
  });
});

describeEachStore('the pad store', (open) => {
  const { server, client } = usePadCleanups();

  it('compacts without dropping a row another instance stored meanwhile', async () => {
    const mine = await open();
    await migratePadStore(mine);
    const theirs = await open({ sameAs: mine });
    const here = createPadStore({ sql: mine });
    const live = new Y.Doc();
    await here.appendUpdate('commun', typed(live, 'Ici. '), 'alice', 1);
    // Typed on the other instance from the same starting point, not yet heard here.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(live));
    await createPadStore({ sql: theirs }).appendUpdate('commun', typed(elsewhere, 'Là-bas.'), 'bob', 2);
    await here.compact('commun', Y.encodeStateAsUpdate(live), 3);
    const rows = await here.loadUpdates('commun');
    expect(rows).toHaveLength(1);
    expect(textOf(rows)).toBe('Ici. Là-bas.');
  });

  it('stores the updates of one editor in the order they were typed', async () => {
    const store = await open();
    const { url, pads } = await server({ store });
    const alice = client(url, 'ordre', { user: 'alice' });
    await synced(alice.provider);
    for (let i = 0; i < 60; i++) alice.text.insert(alice.text.length, `${i % 10}`);
    await waitFor(async () => (await pads.getText('ordre')).length === 60, 5000, 'every keystroke stored');
    const rows = await store.all<{ data: Uint8Array }>('SELECT data FROM pad_updates WHERE pad = ? AND user_id = ? ORDER BY id', ['ordre', 'alice']);
    const clocks = rows.map((row) => Y.decodeUpdate(row.data).structs[0]?.id.clock ?? -1);
    expect(clocks).toEqual([...clocks].sort((a, b) => a - b));
    expect(new Set(clocks).size).toBe(clocks.length);
  });
});

describeEachStore('an update not yet stored', (open) => {
  const { server, client } = usePadCleanups();

  it('is neither relayed nor given to someone who joins, until it is stored', async () => {
    const store = await open();
    // The store holds every new update row until the gate opens, as a slow database would.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let held = false;
    const slow: SqlStore = {
      ...store,
      run: async (text, params) => {
        if (held && text.startsWith('INSERT INTO pad_updates')) await gate;
        return store.run(text, params);
      },
    };
    const { url, pads } = await server({ store: slow });
    await pads.seedText('lent', 'Début. ');
    const alice = client(url, 'lent', { user: 'alice' });
    const bob = client(url, 'lent', { user: 'bob' });
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    held = true;
    alice.text.insert(alice.text.length, 'Pas encore écrit.');
    const carol = client(url, 'lent', { user: 'carol' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bob.text.toString()).toBe('Début. ');
    expect(carol.provider.synced).toBe(false);
    expect(await pads.getText('lent')).toBe('Début. ');
    openGate();
    await synced(carol.provider);
    await waitFor(() => bob.text.toString() === 'Début. Pas encore écrit.', 5000, 'Bob to see it once stored');
    expect(carol.text.toString()).toBe('Début. Pas encore écrit.');
  });
});
