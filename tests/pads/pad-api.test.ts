import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { connect, rawClient, startServer, synced, tempDir, testAuth, usePadCleanups, waitFor } from './helpers.ts';
import { replaceText } from '../../server/pads/replace-text.ts';
import { createTokenBucket } from '../../server/pads/pad-limits.ts';
import { padNameFromUrl } from '../../server/pads/pad-names.ts';

const { cleanups } = usePadCleanups();

describe('pad server API', () => {
  it('hooks observe each change and each store', async () => {
    const changes: string[] = [];
    const stores: string[] = [];
    const { url, pads, close } = await startServer({
      dir: await tempDir(),
      storeDebounceMs: 20,
      hooks: {
        onAuthenticate: testAuth,
        afterChange: ({ padName, user }) => changes.push(`${padName}:${user.id}`),
        afterStore: ({ padName }) => stores.push(padName),
      },
    });
    cleanups.push(close);
    const a = connect(url, 'hooks', { user: 'alice' });
    cleanups.push(a.destroy);
    await synced(a.provider);
    a.text.insert(0, 'a');
    a.text.insert(1, 'b');
    await waitFor(() => stores.length > 0, 5000, 'afterStore');
    expect(changes).toEqual(['hooks:alice', 'hooks:alice']);
    await pads.setText('hooks', 'ab et la suite', { id: 'bot', name: 'Robot' });
    await waitFor(() => a.text.toString() === 'ab et la suite', 5000, 'setText to reach the editor');
    expect((await pads.contributorsOf('hooks')).map((u) => u.id)).toEqual(['alice', 'bot']);
  });

  it('metadata can be set, listed and cleared', async () => {
    const { pads, close } = await startServer({ dir: await tempDir() });
    cleanups.push(close);
    await pads.seedText('semaine-12', '# Semaine 12');
    await pads.updateMeta('semaine-12', { title: 'Semaine 12', archived: true, publishedPath: 'reunions/semaine-12.md' });
    expect(await pads.getMeta('semaine-12')).toMatchObject({ title: 'Semaine 12', archived: true, publishedPath: 'reunions/semaine-12.md' });
    await pads.updateMeta('semaine-12', { title: null, archived: false });
    const [summary] = await pads.listPads();
    expect(summary).toMatchObject({ name: 'semaine-12', archived: false, present: [], contributors: [] });
    expect(summary?.title).toBeUndefined();
    await expect(pads.updateMeta('Pas Valide', {})).rejects.toMatchObject({ code: 'InvalidSlug' });
  });

  it('one editor cannot overwrite the presence of another', async () => {
    const { url, close } = await startServer({ dir: await tempDir() });
    cleanups.push(close);
    const a = connect(url, 'presence', { user: 'alice' });
    const b = connect(url, 'presence', { user: 'bob' });
    cleanups.push(a.destroy, b.destroy);
    a.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#0af' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.['user']?.name === 'Alice', 5000, 'presence');
    const mallory = rawClient(`${url}/presence?user=mallory`);
    await mallory.open;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, a.doc.clientID);
    encoding.writeVarUint(inner, 10_000);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Mallory', color: '#000' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    mallory.ws.send(encoding.toUint8Array(e));
    // Query awareness: the answer comes after the forged update was handled.
    mallory.ws.send(new Uint8Array([3]));
    await waitFor(() => mallory.messages.length >= 3, 5000, 'answer');
    // Anything the server relayed for the forged message reached b before this edit.
    a.text.insert(0, 'x');
    await waitFor(() => b.text.toString() === 'x', 5000, 'edit after the forged presence');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.['user']?.name).toBe('Alice');
  });

  it('replaceText touches only the changed middle', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (const next of ['Bonjour le monde', 'Bonjour tout le monde', 'Bonsoir', '', '😀 émoji', '😃 émoji']) {
      replaceText(text, next);
      expect(text.toString()).toBe(next);
    }
  });

  it('the token bucket refills at its rate', () => {
    let t = 0;
    const bucket = createTokenBucket({ perSecond: 10, burst: 5, now: () => t });
    expect([1, 2, 3, 4, 5, 6].map(() => bucket.take(1))).toEqual([true, true, true, true, true, false]);
    t = 200;
    expect([bucket.take(1), bucket.take(1), bucket.take(1)]).toEqual([true, true, false]);
  });

  it('pad names are read from y-websocket URLs', () => {
    expect(padNameFromUrl('/yjs/reunion-hebdo?user=a&x=1', '/yjs')).toBe('reunion-hebdo');
    expect(padNameFromUrl('/autre/chose', '/yjs')).toBeUndefined();
    expect(() => padNameFromUrl('/yjs/%E0%A4%A', '/yjs')).toThrow();
    expect(() => padNameFromUrl('/yjs/a/b', '/yjs')).toThrow();
  });
});
