import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Forbidden } from '../../server/errors.ts';
import { connect, startServer, synced, tempDir, usePadCleanups, waitFor } from './helpers.ts';

const { cleanups } = usePadCleanups();

describe('pad visibility in the pad server', () => {
  it('keeps pads made before visibility existed for the team, and lets a pad be made public', async () => {
    const dir = await tempDir();
    // A database as the pad server wrote it before the visibility column.
    const old = new DatabaseSync(join(dir, 'pads.sqlite'));
    old.exec(`CREATE TABLE pads (name TEXT PRIMARY KEY, title TEXT, template TEXT, archived INTEGER NOT NULL DEFAULT 0,
      published_path TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      INSERT INTO pads (name, title, created_at, updated_at) VALUES ('ancien-pad', 'Ancien pad', 1, 1);`);
    old.close();

    const { pads, close } = await startServer({ dir });
    cleanups.push(close);
    expect(await pads.getMeta('ancien-pad')).toMatchObject({ title: 'Ancien pad', visibility: 'equipe' });
    expect(await pads.hasPublicPads()).toBe(false);
    await pads.seedText('atelier', '# Atelier', { title: 'Atelier', visibility: 'public' });
    expect(await pads.getMeta('atelier')).toMatchObject({ visibility: 'public' });
    expect(await pads.hasPublicPads()).toBe(true);
    await pads.updateMeta('atelier', { visibility: 'equipe' });
    expect((await pads.listPads()).map((p) => p.visibility)).toEqual(['equipe', 'equipe']);
    expect(await pads.hasPublicPads()).toBe(false);
    await expect(pads.updateMeta('atelier', { visibility: 'secret' as never })).rejects.toThrow();
  });

  it('disconnects only the connections the predicate names, with the close code of the error', async () => {
    const { url, pads, close } = await startServer({ dir: await tempDir() });
    cleanups.push(close);
    await pads.seedText('atelier', 'texte');
    await pads.seedText('autre', 'texte');
    const alice = connect(url, 'atelier', { user: 'alice' });
    const bob = connect(url, 'atelier', { user: 'bob' });
    const bobElsewhere = connect(url, 'autre', { user: 'bob' });
    cleanups.push(alice.destroy, bob.destroy, bobElsewhere.destroy);
    await Promise.all([synced(alice.provider), synced(bob.provider), synced(bobElsewhere.provider)]);
    const codes: number[] = [];
    bob.provider.on('connection-close', (event: CloseEvent | null) => {
      if (!event) return;
      codes.push(event.code);
      // The real page stops retrying on 44xx; this test server would let Bob back in.
      if (bob.provider.shouldConnect) bob.provider.disconnect();
    });

    expect(pads.disconnect('atelier', ({ user }) => user.id === 'bob', new Forbidden('Ce pad est réservé à l’équipe.'))).toBe(1);
    await waitFor(() => codes.length > 0, 5000, 'bob to be closed');
    expect(codes).toEqual([4403]);
    expect(alice.provider.wsconnected).toBe(true);
    expect(bobElsewhere.provider.wsconnected).toBe(true);
  });

  it('lets a connection read along without showing itself in the presence', async () => {
    const { url, pads, close } = await startServer({
      dir: await tempDir(),
      hooks: {
        async onAuthenticate({ request }) {
          const hidden = (request.url ?? '').includes('hidden=1');
          return { user: { id: hidden ? 'reader' : 'alice', name: hidden ? 'Lecteur' : 'Alice' }, readOnly: hidden, presence: !hidden };
        },
      },
    });
    cleanups.push(close);
    await pads.seedText('atelier', 'texte');
    const alice = connect(url, 'atelier', {});
    const reader = connect(url, 'atelier', { hidden: '1' });
    cleanups.push(alice.destroy, reader.destroy);
    await Promise.all([synced(alice.provider), synced(reader.provider)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    reader.provider.awareness.setLocalStateField('user', { name: 'Alice (fausse)' });
    await waitFor(() => [...reader.provider.awareness.getStates().values()].some((s) => s['user']?.name === 'Alice'), 5000, 'the reader to see Alice');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seenByAlice = [...alice.provider.awareness.getStates().values()].map((s) => s['user']?.name);
    expect(seenByAlice).toEqual(['Alice']);
    const [summary] = await pads.listPads();
    expect(summary?.present.map((p) => p.name)).toEqual(['Alice']);
  });
});
