/** Stopping the hub while someone is in a pad: the server must not wait forever on the pad socket. */
import { afterAll, describe, expect, it } from 'vitest';
import { createHubClient } from '../helpers/hub-client.ts';
import { signIn } from '../helpers/people.ts';
import { rm } from 'node:fs/promises';
import { startGare } from '../../server/main.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub | undefined;
const client = createHubClient(() => gare as TestHub);
afterAll(() => {
  for (const p of client.providers) p.destroy();
});

describe('stopping with a pad open', () => {
  it('closes the pad socket, keeps what was typed, and stops', async () => {
    gare = await startTestHub();
    const team = await signIn(gare.hub, 'equipe', 'Nadia Pad');
    const res = await client.postJson('/api/pads', { title: 'Arrêt en pleine réunion', template: 'vide' }, team);
    const { name } = (await res.json()) as { name: string };
    const pad = client.connect(name, team);
    await new Promise<void>((resolve) => pad.provider.once('sync', () => resolve()));
    pad.text.insert(0, 'Tapé juste avant l’arrêt. ');
    await new Promise((r) => setTimeout(r, 200));
    const closed = new Promise<number>((resolve) => pad.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    pad.provider.shouldConnect = false;
    // Before the fix this waited for the pad socket while the pads were closed only afterwards.
    await gare.close();
    await closed;
    const again = await startGare({ config: gare.hub.config, root });
    try {
      expect(await again.hub.pads.getText(name)).toContain('Tapé juste avant l’arrêt.');
    } finally {
      await again.close();
      await rm(gare.dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
