import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { vouchedUser } from '../../server/pads/pad-awareness.ts';
import { personColor } from '../../server/pads/person-color.ts';
import { peerOf } from '../../site/scripts/pad-presence.ts';
import { rawClient, synced, usePadCleanups, waitFor } from './helpers.ts';

const { server, client, cleanups } = usePadCleanups();

/** An awareness message (type 1) carrying `entries` as raw JSON strings. */
function awarenessMessage(entries: { clientId: number; state: string }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, state);
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

/** Every `user` an awareness ever showed for clients other than its own, in order. */
function recordUsers(awareness: import('y-protocols/awareness').Awareness): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  awareness.on('change', () => {
    for (const [id, state] of awareness.getStates()) {
      if (id !== awareness.clientID && state['user']) seen.push(state['user'] as Record<string, unknown>);
    }
  });
  return seen;
}

describe('presence identity in a pad', () => {
  it('never shows a forged name: the others see the authenticated name and colour, cursor kept', async () => {
    const { url, pads } = await server();
    await pads.seedText('reunion', 'Bonjour tout le monde');
    const alice = client(url, 'reunion', { user: 'alice' });
    const seenByAlice = recordUsers(alice.provider.awareness);
    await synced(alice.provider);
    const mallory = client(url, 'reunion', { user: 'mallory' });
    await synced(mallory.provider);

    mallory.provider.awareness.setLocalState({
      user: { name: 'Ada Admin', color: '#ff0000', colorLight: '#ff000033', role: 'admin' },
      cursor: { anchor: 'ancre-de-mallory', head: 'tete-de-mallory' },
    });
    const malloryId = mallory.provider.awareness.clientID;
    await waitFor(() => alice.provider.awareness.getStates().get(malloryId)?.['cursor'] !== undefined, 5000, 'Mallory’s cursor at Alice');

    const state = alice.provider.awareness.getStates().get(malloryId);
    expect(state?.['user']).toEqual({ name: 'Mallory', color: personColor('mallory'), colorLight: `${personColor('mallory')}33` });
    expect(state?.['cursor']).toEqual({ anchor: 'ancre-de-mallory', head: 'tete-de-mallory' });
    expect(seenByAlice.map((u) => u['name'])).not.toContain('Ada Admin');
    expect(seenByAlice.some((u) => u['color'] === '#ff0000' || 'role' in u)).toBe(false);

    // A later change of the forged name is overwritten too, and the pad list shows the same identity.
    mallory.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#00ff00' });
    mallory.provider.awareness.setLocalStateField('cursor', { anchor: 'ailleurs', head: 'ailleurs' });
    await waitFor(() => (alice.provider.awareness.getStates().get(malloryId)?.['cursor'] as { head?: string } | undefined)?.head === 'ailleurs', 5000, 'the moved cursor');
    expect(alice.provider.awareness.getStates().get(malloryId)?.['user']).toMatchObject({ name: 'Mallory', color: personColor('mallory') });
    expect(seenByAlice.filter((u) => u['name'] !== 'Mallory')).toEqual([]);
    const present = (await pads.listPads())[0]?.present ?? [];
    expect(present).toContainEqual({ name: 'Mallory', color: personColor('mallory') });
    expect(present.map((p) => p.name).sort()).toEqual(['Alice', 'Mallory']);
  });

  it('gives a state without a user field the authenticated one, and drops states that are not objects', async () => {
    const { url, pads } = await server();
    await pads.seedText('atelier', 'texte');
    const alice = client(url, 'atelier', { user: 'alice' });
    await synced(alice.provider);
    const bob = client(url, 'atelier', { user: 'bob' });
    await synced(bob.provider);
    bob.provider.awareness.setLocalState({ cursor: null });
    const bobId = bob.provider.awareness.clientID;
    await waitFor(() => alice.provider.awareness.getStates().has(bobId), 5000, 'Bob’s state at Alice');
    expect(alice.provider.awareness.getStates().get(bobId)?.['user']).toMatchObject({ name: 'Bob' });

    // A raw client: a bare string state would show as a name-less entry; it is dropped, the object kept.
    const eve = rawClient(`${url}/atelier?user=eve`);
    cleanups.push(() => eve.ws.terminate());
    await eve.open;
    eve.ws.send(awarenessMessage([{ clientId: 4242, state: '"Ada Admin"' }, { clientId: 4343, state: '{"user":{"name":"Ada Admin"}}' }]));
    await waitFor(() => alice.provider.awareness.getStates().has(4343), 5000, 'Eve’s object state at Alice');
    expect(alice.provider.awareness.getStates().get(4343)?.['user']).toMatchObject({ name: 'Eve' });
    expect(alice.provider.awareness.getStates().has(4242)).toBe(false);
  });

  it('vouches for a colour the account sets, and falls back to the person colour for anything else', () => {
    expect(vouchedUser({ id: 'a', name: 'A', color: '#123abc' }).color).toBe('#123abc');
    expect(vouchedUser({ id: 'a', name: 'A', color: 'red; background: url(x)' }).color).toBe(personColor('a'));
    expect(vouchedUser({ id: 'a', name: 'A' })).toEqual({ name: 'A', color: personColor('a'), colorLight: `${personColor('a')}33` });
  });

  it.each([
    [{ user: { name: 'Mallory', color: '#a1b2c3', colorLight: '#a1b2c333' } }, { name: 'Mallory', color: '#a1b2c3' }],
    [{ user: { name: 'Mallory', color: 'red' } }, undefined],
    [{ user: { name: 'Mallory' } }, undefined],
    [{ user: { name: '  ', color: '#a1b2c3' } }, undefined],
    [{ user: 'Ada Admin' }, undefined],
    [{ cursor: {} }, undefined],
  ])('the page lists only states in the shape the server writes: %j → %j', (state, peer) => {
    expect(peerOf(state)).toEqual(peer);
  });
});
