import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubClient } from '../helpers/hub-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let zoe: TestSession; // équipe, types in the pads
let camille: TestSession; // équipe
let bruno: TestSession; // contributeur: reads public pads only
const client = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  zoe = await signIn(gare.hub, 'equipe', 'Zoé Leroy');
  camille = await signIn(gare.hub, 'equipe', 'Camille Dupont');
  bruno = await signIn(gare.hub, 'contributeur', 'Bruno Petit');
}, 60_000);
afterAll(async () => {
  for (const p of client.providers) p.destroy();
  await gare?.stop();
});

const kinds = async (who: TestSession) => (await gare.hub.notifications.store.list({ userId: who.id, limit: 100 })).map((n) => `${n.kind} ${n.targetKind}:${n.target}`);

/** Types `text` at the end of a new pad as Zoé, waits for its store, then reads its mentions. */
async function typeInPad(name: string, text: string): Promise<void> {
  const pad = client.connect(name, zoe);
  await new Promise<void>((resolve) => pad.provider.once('sync', () => resolve()));
  pad.text.insert(pad.text.length, text);
  await expect.poll(() => gare.hub.notifications.padsPending(), { timeout: 10_000 }).toContain(name);
  gare.hub.notifications.flushPads();
  await gare.hub.notifications.idle();
  pad.provider.destroy();
}

async function newPad(title: string, visibility: 'public' | 'equipe'): Promise<string> {
  const res = await client.postJson('/api/pads', { title, template: 'vide', visibility }, zoe);
  return ((await res.json()) as { name: string }).name;
}

describe('mentions typed in a pad', () => {
  it('tell the person once their text is stored, only if they may read the pad, never the writer', async () => {
    const name = await newPad('Réunion d’équipe du lundi', 'equipe');
    await typeInPad(name, '\n@Camille tu prends le point 2 ? @Bruno aussi. @Zoé');
    expect(await kinds(camille)).toEqual([`mention pad:${name}`]);
    expect(await kinds(bruno)).toEqual([]);
    expect(await kinds(zoe)).toEqual([]);
    const n = (await gare.hub.notifications.store.list({ userId: camille.id }))[0];
    expect(n?.data).toMatchObject({ title: 'Réunion d’équipe du lundi', url: `/pads/${name}`, excerpt: '@Camille tu prends le point 2 ? @Bruno aussi. @Zoé' });
    expect(n?.actorName).toBe('Zoé Leroy');

    // Typing more elsewhere does not tell Camille again.
    await typeInPad(name, '\nUne autre ligne.');
    expect(await kinds(camille)).toEqual([`mention pad:${name}`]);
  });

  it('a public pad tells a contributeur mentioned in it', async () => {
    const name = await newPad('Atelier ouvert', 'public');
    await typeInPad(name, '\nMerci @Bruno pour l’atelier.');
    expect(await kinds(bruno)).toEqual([`mention pad:${name}`]);
  });
});
