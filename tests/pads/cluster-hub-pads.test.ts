import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createAccountStore, type AccountStore } from '../../server/auth/account-store.ts';
import { createHubPads } from '../../server/hub/pad-wiring.ts';
import { PAD_TEXT } from '../../server/pads/pad-server.ts';
import type { SqlStore } from '../../server/store/sql.ts';
import { startRedisServer, type TestRedis } from '../helpers/redis-server.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { synced, tempDir, usePadCleanups, waitFor } from './helpers.ts';
import { redisPadCluster } from '../../server/pads/redis-pad-cluster.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});

/** A person of the team, logged in: the cookie a browser would send. */
async function teamMember(accounts: AccountStore, name: string): Promise<string> {
  const first = await accounts.createFirstAdminToken();
  const invitedBy = first
    ? (await accounts.acceptInvitation({ token: first, name: 'Admin', email: 'admin@exemple.org', password: 'correct horse battery' })).person.id
    : (await accounts.listPeople()).find((p) => p.role === 'admin')!.id;
  const { token } = await accounts.createInvitation({ role: 'equipe', invitedBy });
  const { person } = await accounts.acceptInvitation({ token, name, email: `${name.toLowerCase()}@exemple.org`, password: 'un mot de passe solide' });
  return `gare_session=${(await accounts.createSession({ userId: person.id })).sessionId}`;
}

describeEachStore('the hub’s pads on two instances', (open) => {
  const { cleanups } = usePadCleanups();

  /** One instance as the hub composes it: accounts and pads over `store`, Redis between instances. */
  async function instance(store: SqlStore) {
    const accounts = await createAccountStore({ store });
    const dir = await tempDir();
    const pads = createHubPads({ dataDir: dir, contentDir: dir, accounts, now: Date.now, store, cluster: redisPadCluster(redis.url) });
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (request, socket, head) => pads.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      await pads.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    await pads.started();
    return { accounts, pads, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/yjs` };
  }
  /** A browser tab on a pad, with its session cookie. */
  function tab(url: string, pad: string, cookie: string) {
    const WithCookie = class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    };
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, pad, doc, { WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket, disableBc: true });
    cleanups.push(() => provider.destroy());
    return { provider, text: doc.getText(PAD_TEXT) };
  }

  it('lets a session made on A edit with one made on B, each seeing the other', async () => {
    const storeA = await open();
    const storeB = await open({ sameAs: storeA });
    const a = await instance(storeA);
    const b = await instance(storeB);
    const camille = await teamMember(a.accounts, 'Camille');
    const dominique = await teamMember(b.accounts, 'Dominique');
    await a.pads.seedText('conseil', '# Conseil\n', { title: 'Conseil' });
    const onA = tab(a.url, 'conseil', camille);
    const onB = tab(b.url, 'conseil', dominique);
    await Promise.all([synced(onA.provider), synced(onB.provider)]);
    expect(onB.text.toString()).toBe('# Conseil\n');
    onA.text.insert(onA.text.length, 'Point 1. ');
    onB.text.insert(onB.text.length, 'Point 2.');
    await waitFor(() => onA.text.toString() === onB.text.toString() && onA.text.length === 27, 5000, 'the two tabs to converge');
    onA.provider.awareness.setLocalStateField('cursor', { at: 1 });
    onB.provider.awareness.setLocalStateField('cursor', { at: 2 });
    const names = (provider: WebsocketProvider) => [...provider.awareness.getStates().values()].map((s) => (s['user'] as { name?: string } | undefined)?.name).filter(Boolean).sort();
    // Each tab sees the other's name as the server vouches for it, from the account.
    await waitFor(() => names(onA.provider).includes('Dominique') && names(onB.provider).includes('Camille'), 5000, 'each to see the other');
    expect((await b.pads.contributorsOf('conseil')).map((u) => u.name).sort()).toEqual(['Camille', 'Dominique']);
  });
});
