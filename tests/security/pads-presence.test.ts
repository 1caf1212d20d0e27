/** Presence impersonation: in a public pad, a contributeur cannot show up as someone else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import { personColor } from '../../server/pads/person-color.ts';
import { synced, waitFor } from '../pads/helpers.ts';
import { createHubClient } from '../helpers/hub-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let alice: TestSession;
let mallory: TestSession;
let pad: string;
const { providers, connect, postJson } = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  mallory = await signIn(gare.hub, 'contributeur', 'Mallory Dupont');
  const created = await postJson('/api/pads', { title: 'Atelier ouvert', visibility: 'public' }, alice);
  expect(created.status).toBe(201);
  pad = ((await created.json()) as { name: string }).name;
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await gare?.stop();
});

/** Every name an awareness ever showed for the other clients. */
function namesSeen(awareness: Awareness): string[] {
  const seen: string[] = [];
  awareness.on('change', () => {
    for (const [id, state] of awareness.getStates()) {
      const user = state['user'] as { name?: unknown } | undefined;
      if (id !== awareness.clientID && user) seen.push(String(user.name));
    }
  });
  return seen;
}

describe('presence in a public pad of the hub', () => {
  it('shows a contributeur under his account name and colour, never the name he forges; his cursor stays', async () => {
    const a = connect(pad, alice);
    const seen = namesSeen(a.provider.awareness);
    await synced(a.provider);
    const m = connect(pad, mallory);
    await synced(m.provider);
    m.provider.awareness.setLocalState({ user: { name: 'Ada Admin', color: '#d00000', colorLight: '#d0000033' }, cursor: { anchor: 'a1', head: 'h1' } });
    const id = m.provider.awareness.clientID;
    await waitFor(() => a.provider.awareness.getStates().get(id)?.['cursor'] !== undefined, 5000, 'Mallory’s cursor at Alice');

    const state = a.provider.awareness.getStates().get(id);
    expect(state?.['user']).toMatchObject({ name: 'Mallory Dupont', color: personColor(mallory.id) });
    expect(state?.['cursor']).toEqual({ anchor: 'a1', head: 'h1' });
    expect(seen).not.toContain('Ada Admin');
  });

  it('keeps a visitor invisible, whatever name the visitor announces', async () => {
    const a = connect(pad, alice);
    await synced(a.provider);
    const visitor = connect(pad);
    await synced(visitor.provider);
    visitor.provider.awareness.setLocalState({ user: { name: 'Ada Admin', color: '#d00000' } });
    // Something after the visitor's state for Alice to wait on: a change of Mallory's.
    const m = connect(pad, mallory);
    await synced(m.provider);
    m.provider.awareness.setLocalStateField('cursor', { anchor: 'a2', head: 'h2' });
    await waitFor(() => a.provider.awareness.getStates().get(m.provider.awareness.clientID)?.['cursor'] !== undefined, 5000, 'Mallory at Alice');
    expect(a.provider.awareness.getStates().has(visitor.provider.awareness.clientID)).toBe(false);
    expect(visitor.provider.wsconnected).toBe(true);
  });
});
