import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { connect, rawClient, startServer, synced, tempDir, usePadCleanups, waitFor } from './helpers.ts';
import type { PadLimits } from '../../server/pads/pad-limits.ts';

const { cleanups } = usePadCleanups();

async function setup(limits: Partial<PadLimits> = {}) {
  const started = await startServer({ dir: await tempDir(), limits });
  cleanups.push(() => started.close());
  const a = connect(started.url, 'pad', { user: 'alice' });
  const b = connect(started.url, 'pad', { user: 'bob' });
  cleanups.push(() => a.destroy(), () => b.destroy());
  await Promise.all([synced(a.provider), synced(b.provider)]);
  return { ...started, a, b };
}

/** Proves the pad still works for honest editors: a types, b sees it, the server stores it. */
async function stillEditable(ctx: Awaited<ReturnType<typeof setup>>, word: string) {
  ctx.a.text.insert(ctx.a.text.length, word);
  await waitFor(() => ctx.b.text.toString().includes(word), 5000, `b to see ${word}`);
  await waitFor(async () => (await ctx.pads.getText('pad')).includes(word), 5000, 'server text');
}

const message = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
/** A y-websocket sync "update" message carrying `update`. */
const syncUpdate = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

describe('pad robustness', () => {
  it('a garbage binary message closes only that connection; the other editor keeps editing', async () => {
    const ctx = await setup();
    for (const garbage of [Buffer.from('garbagedoc', 'base64'), syncUpdate(Buffer.from('garbagedoc', 'base64')), new Uint8Array([0, 7, 0]), new Uint8Array([1, 5, 1])]) {
      const mallory = rawClient(`${ctx.url}/pad?user=mallory`);
      await mallory.open;
      mallory.ws.send(garbage);
      expect(await mallory.closed).toBe(4400);
    }
    const text = rawClient(`${ctx.url}/pad?user=mallory`);
    await text.open;
    text.ws.send('{"hello": "text frame"}');
    expect(await text.closed).toBe(4400);
    await stillEditable(ctx, 'toujours là');
  });

  it('a malformed WebSocket frame closes only that connection', async () => {
    const ctx = await setup();
    const mallory = rawClient(`${ctx.url}/pad?user=mallory`);
    await mallory.open;
    // Opcode 0x3 is reserved by RFC 6455.
    (mallory.ws as unknown as { _socket: Socket })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    expect(await mallory.closed).toBe(1002);
    await stillEditable(ctx, 'rien de cassé');
  });

  it('an oversized message closes the connection with 1009', async () => {
    const ctx = await setup({ maxMessageBytes: 64 * 1024 });
    const mallory = rawClient(`${ctx.url}/pad?user=mallory`);
    await mallory.open;
    mallory.ws.send(syncUpdate(new Uint8Array(100 * 1024)));
    expect(await mallory.closed).toBe(1009);
    await stillEditable(ctx, 'encore');
  });

  it('a message flood is rate-limited', async () => {
    const ctx = await setup({ messagesPerSecond: 50, messageBurst: 100 });
    const mallory = rawClient(`${ctx.url}/pad?user=mallory`);
    await mallory.open;
    for (let i = 0; i < 1000; i++) mallory.ws.send(new Uint8Array([3]));
    expect(await mallory.closed).toBe(4429);
    // It was answered until the bucket ran dry, then nothing more.
    expect(mallory.messages.length).toBeGreaterThan(50);
    expect(mallory.messages.length).toBeLessThan(200);
    await stillEditable(ctx, 'au calme');
  });

  it('a crafted hostile update does not freeze the server', async () => {
    const ctx = await setup();
    const hostile = [
      // One GC struct of client 42 whose length is 2^52.
      message((e) => {
        for (const n of [1, 1, 42, 0]) encoding.writeVarUint(e, n);
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, 2 ** 52);
        encoding.writeVarUint(e, 0);
      }),
      // An item of client 7 whose left origin is itself.
      message((e) => {
        for (const n of [1, 1, 7, 5]) encoding.writeVarUint(e, n);
        encoding.writeUint8(e, 0x84);
        encoding.writeVarUint(e, 7);
        encoding.writeVarUint(e, 5);
        encoding.writeVarString(e, 'x');
        encoding.writeVarUint(e, 0);
      }),
      // No structs, but a delete range of 2^52 characters.
      message((e) => {
        for (const n of [0, 1, 42, 1, 0, 2 ** 52]) encoding.writeVarUint(e, n);
      }),
      // Claims 2^50 structs and ends.
      message((e) => {
        for (const n of [1, 2 ** 50, 42, 0]) encoding.writeVarUint(e, n);
      }),
      new Uint8Array(0),
    ];
    const started = Date.now();
    for (const update of hostile) {
      const mallory = rawClient(`${ctx.url}/pad?user=mallory`);
      await mallory.open;
      mallory.ws.send(syncUpdate(update));
      expect(await mallory.closed).toBe(4400);
    }
    expect(Date.now() - started).toBeLessThan(3000);
    const state = Y.decodeStateVector(await ctx.pads.getState('pad'));
    expect([...state.keys()]).not.toContain(42);
    expect([...state.keys()]).not.toContain(7);
    await stillEditable(ctx, 'intact');
  });

  it('an invalid pad name is refused', async () => {
    const { url } = await setup();
    for (const name of ['Mauvais_Nom', '-tiret', 'a/b', 'é', 'x'.repeat(81), '']) {
      const client = rawClient(`${url}/${encodeURIComponent(name)}?user=alice`);
      await client.closed;
      expect(client.state.status, name).toBe(400);
    }
  });

  it('a refused onAuthenticate closes with 4401/4403 before any sync', async () => {
    const { url } = await setup();
    const anonymous = rawClient(`${url}/pad`);
    expect(await anonymous.closed).toBe(4401);
    const outsider = rawClient(`${url}/pad?user=eve&deny=403`);
    expect(await outsider.closed).toBe(4403);
    expect(anonymous.messages).toHaveLength(0);
    expect(outsider.messages).toHaveLength(0);
    // The standard client stops retrying and never syncs.
    const c = connect(url, 'pad', { user: 'eve', deny: '403' });
    cleanups.push(() => c.destroy());
    const closed = await new Promise<{ code: number }>((resolve) => c.provider.on('closed', (event) => resolve(event)));
    expect(closed.code).toBe(4403);
    expect(c.provider.synced).toBe(false);
    expect(c.text.toString()).toBe('');
  });

  it('a read-only user cannot change the text', async () => {
    const ctx = await setup();
    ctx.a.text.insert(0, 'Texte validé.');
    const reader = connect(ctx.url, 'pad', { user: 'rose', ro: '1' });
    cleanups.push(() => reader.destroy());
    await synced(reader.provider);
    await waitFor(() => reader.text.toString() === 'Texte validé.', 5000, 'reader to receive');
    reader.text.insert(0, 'VANDALISME ');
    // Awareness goes through for read-only users and is handled after the dropped update.
    reader.provider.awareness.setLocalStateField('user', { name: 'Rose', color: '#f0a' });
    await waitFor(() => [...ctx.b.provider.awareness.getStates().values()].some((s) => s['user']?.name === 'Rose'), 5000, 'presence');
    expect(await ctx.pads.getText('pad')).toBe('Texte validé.');
    expect(ctx.b.text.toString()).toBe('Texte validé.');
    await stillEditable(ctx, ' Suite.');
    expect(ctx.b.text.toString()).not.toContain('VANDALISME');
  });
});
