/** Cross-site WebSocket hijacking: a foreign page must not ride on a team member's cookie into a pad. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forbidden } from '../../server/errors.ts';
import { checkOrigin, ownOrigins } from '../../server/http/origin.ts';
import { encodeUpdate, PAD_TEXT } from '../../server/pads/pad-protocol.ts';
import { synced, waitFor } from '../pads/helpers.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { createHubClient } from '../helpers/hub-client.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

let gare: TestHub;
let alice: TestSession;
let pad: string;
const canary = 'canari-secret-de-l-equipe';
const evil = 'http://evil.example';
const client = createHubClient(() => gare);

beforeAll(async () => {
  gare = await startTestHub();
  alice = await signIn(gare.hub, 'equipe', 'Alice Martin');
  const created = await fetch(`${gare.url}/api/pads`, {
    method: 'POST',
    headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf, origin: gare.url, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Pad de l’équipe' }),
  });
  pad = ((await created.json()) as { name: string }).name;
  await gare.hub.pads.setText(pad, `# Pad de l’équipe\n\n${canary}\n`);
});
afterAll(async () => {
  for (const p of client.providers) p.destroy();
  await gare?.stop();
});

const wsBase = () => gare.url.replace('http', 'ws') + '/yjs';

/** A y-websocket client, as a browser tab on `origin` (undefined: a Node client) with Alice's cookie would run it. */
const browserClient = (origin: string | undefined) => client.connect(pad, alice, origin);

/** The close code `ws` ends with; if the server keeps it open for 5 s, it is closed here and -1 returned. */
function closeCode(ws: WebSocket): Promise<number> {
  ws.on('error', () => {});
  return new Promise((resolve) => {
    const giveUp = setTimeout(() => {
      resolve(-1);
      ws.terminate();
    }, 5000);
    ws.on('close', (code) => {
      clearTimeout(giveUp);
      resolve(code);
    });
  });
}

/** A Yjs update message that appends `text` to the pad. */
function writeMessage(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(PAD_TEXT).insert(0, text);
  return encodeUpdate(Y.encodeStateAsUpdate(doc));
}

describe('the pad upgrade checks Origin like HTTP writes', () => {
  it('refuses a foreign origin carrying a team cookie with 4403, before any sync message, and nothing is written', async () => {
    const ws = new WebSocket(`${wsBase()}/${pad}`, { headers: { cookie: alice.cookie, origin: evil } });
    const received: Buffer[] = [];
    ws.on('message', (data) => received.push(data as Buffer));
    ws.on('open', () => ws.send(writeMessage('texte-du-pirate')));
    const code = await closeCode(ws);
    expect(received).toEqual([]);
    expect(code).toBe(4403);
    expect(Buffer.concat(received).toString('latin1')).not.toContain(canary);
    expect(await gare.hub.pads.getText(pad)).not.toContain('texte-du-pirate');
  });

  it('gives a y-websocket client on a foreign page nothing to read and nothing to write, and it stops retrying', async () => {
    const mallory = browserClient(evil);
    mallory.text.insert(0, 'ecrit-depuis-evil ');
    await waitFor(() => mallory.closes.length > 0, 5000, 'the foreign socket to be closed');
    expect(mallory.closes).toEqual([4403]);
    expect(mallory.provider.synced).toBe(false);
    expect(mallory.text.toString()).not.toContain(canary);
    expect(mallory.provider.shouldConnect).toBe(false);
    expect(await gare.hub.pads.getText(pad)).not.toContain('ecrit-depuis-evil');
  });

  it('refuses a null origin (sandboxed frame) and a cross-site fetch-metadata verdict', async () => {
    for (const headers of [{ origin: 'null' }, { origin: gare.url, 'sec-fetch-site': 'cross-site' }]) {
      const ws = new WebSocket(`${wsBase()}/${pad}`, { headers: { cookie: alice.cookie, ...headers } });
      expect(await closeCode(ws)).toBe(4403);
    }
  });

  it('still lets the hub’s own page (same origin) read and write the pad', async () => {
    const tab = browserClient(gare.url);
    await synced(tab.provider);
    expect(tab.text.toString()).toContain(canary);
    tab.text.insert(tab.text.length, 'ajout-de-la-page\n');
    await waitFor(async () => (await gare.hub.pads.getText(pad)).includes('ajout-de-la-page'), 5000, 'the same-origin edit to arrive');
    expect(tab.closes).toEqual([]);
  });

  it('keeps non-browser clients (no Origin header) working, as today', async () => {
    const script = browserClient(undefined);
    await synced(script.provider);
    expect(script.text.toString()).toContain(canary);
  });

  it('still refuses an HTTP write from a foreign origin with the same rule', async () => {
    const res = await fetch(`${gare.url}/api/pads`, {
      method: 'POST',
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf, origin: evil, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Pad du pirate' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('checkOrigin, the rule shared by HTTP writes and the pad upgrade', () => {
  const publicUrl = 'https://gare.example.org/';
  const host = { host: '127.0.0.1:4321' };
  const cases: { headers: Record<string, string>; whenAbsent: 'fetch-site' | 'allow'; ok: boolean }[] = [
    { headers: { ...host, origin: 'http://127.0.0.1:4321' }, whenAbsent: 'allow', ok: true },
    { headers: { ...host, origin: 'https://gare.example.org' }, whenAbsent: 'allow', ok: true },
    { headers: { ...host, origin: 'https://gare.example.org' }, whenAbsent: 'fetch-site', ok: true },
    { headers: { ...host, origin: evil }, whenAbsent: 'allow', ok: false },
    { headers: { ...host, origin: evil }, whenAbsent: 'fetch-site', ok: false },
    { headers: { ...host, origin: 'null' }, whenAbsent: 'allow', ok: false },
    { headers: { ...host, origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-site' }, whenAbsent: 'allow', ok: false },
    { headers: { ...host }, whenAbsent: 'allow', ok: true },
    { headers: { ...host }, whenAbsent: 'fetch-site', ok: false },
    { headers: { ...host, 'sec-fetch-site': 'same-origin' }, whenAbsent: 'fetch-site', ok: true },
    { headers: { ...host, 'sec-fetch-site': 'cross-site' }, whenAbsent: 'allow', ok: false },
  ];
  it.each(cases)('$headers ($whenAbsent) → allowed: $ok', ({ headers, whenAbsent, ok }) => {
    const run = () => checkOrigin({ headers, expected: ownOrigins({ headers, publicUrl }), whenAbsent });
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(Forbidden);
  });
});
