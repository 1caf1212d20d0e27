import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Sql } from '../../server/store/sql.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { rawClient, synced, tempDir, usePadCleanups, waitFor } from './helpers.ts';

const { cleanups, client } = usePadCleanups();
async function countRows(sql: Sql, pad: string): Promise<number> {
  return Number((await sql.get<{ n: number }>('SELECT count(*) AS n FROM pad_updates WHERE pad = ?', [pad]))?.n);
}

const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/pad-process.ts', import.meta.url));
async function spawnPadProcess(dir: string, wantedPort = 0): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(node, [fixture, dir, String(wantedPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`pad process exited with ${code}`)));
  });
  return { child, url: `ws://127.0.0.1:${port}/yjs` };
}
async function readThroughClient(url: string, pad: string): Promise<string> {
  const c = client(url, pad, { user: 'lecteur', ro: '1' });
  await synced(c.provider);
  const text = c.text.toString();
  c.destroy();
  return text;
}

describe('pad persistence', () => {
  it('a crash restart loses at most the last second of typing', async () => {
    const dir = await tempDir();
    const first = await spawnPadProcess(dir);
    const typist = client(first.url, 'crash', { user: 'alice' });
    await synced(typist.provider);
    const typedAt: number[] = [];
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        typist.text.insert(typist.text.length, alphabet[typedAt.length % 26]!);
        typedAt.push(Date.now());
        if (typedAt.length === 300) {
          clearInterval(timer);
          resolve();
        }
      }, 4);
    });
    // Killed mid-typing: the last keystrokes may still be on the wire.
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    typist.destroy();
    await new Promise((resolve) => first.child.once('exit', resolve));
    const typed = typist.text.toString();
    const second = await spawnPadProcess(dir);
    const restored = await readThroughClient(second.url, 'crash');
    expect(typed.startsWith(restored)).toBe(true);
    const typedBeforeLastSecond = typedAt.filter((t) => t <= killedAt - 1000).length;
    expect(restored.length).toBeGreaterThanOrEqual(typedBeforeLastSecond);
    expect(restored.length).toBeGreaterThan(0);
  });

  it('a normal stop loses nothing: editors reconnect to the restarted server and resend what it missed', async () => {
    const dir = await tempDir();
    const first = await spawnPadProcess(dir);
    const typist = client(first.url, 'arret', { user: 'alice' });
    await synced(typist.provider);
    for (let i = 0; i < 50; i++) typist.text.insert(typist.text.length, `${i} `);
    // Stopped while the last keystrokes may still be in flight.
    first.child.kill('SIGTERM');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const port = Number(new URL(first.url).port);
    const second = await spawnPadProcess(dir, port);
    await waitFor(() => typist.provider.synced, 10_000, 'the editor to reconnect');
    await waitFor(async () => (await readThroughClient(second.url, 'arret')) === typist.text.toString(), 5000, 'full text');
    expect(typist.text.toString()).toMatch(/^0 1 2 .* 49 $/);
  });
});

describeEachStore('pad persistence', (open) => {
  // After the store opener: servers close before their stores.
  const { server, client } = usePadCleanups();

  it('contributors lists every user who wrote', async () => {
    const { url, pads } = await server({ store: await open() });
    const alice = client(url, 'cr', { user: 'alice' });
    const bob = client(url, 'cr', { user: 'bob' });
    const carol = client(url, 'cr', { user: 'carol' });
    const rose = client(url, 'cr', { user: 'rose', ro: '1' });
    await Promise.all([alice, bob, carol, rose].map((c) => synced(c.provider)));
    alice.text.insert(0, 'Alice écrit. ');
    await waitFor(() => bob.text.length > 0);
    bob.text.insert(bob.text.length, 'Bob aussi.');
    rose.text.insert(0, 'Rose essaie.');
    await waitFor(async () => (await pads.getText('cr')).includes('Bob aussi.'));
    expect((await pads.contributorsOf('cr')).map((u) => u.id)).toEqual(['alice', 'bob']);
    const [summary] = await pads.listPads();
    expect(summary?.contributors.map((u) => u.name)).toEqual(['Alice', 'Bob']);
    expect(summary?.present.map((u) => u.name).sort()).toEqual(['Alice', 'Bob', 'Carol', 'Rose']);
    carol.destroy();
    await waitFor(async () => (await pads.listPads())[0]?.present.length === 3, 5000, 'Carol to leave');
  });

  it('compaction keeps the content and shrinks the rows', async () => {
    const store = await open();
    const first = await server({ store, limits: { compactAfterRows: 50 }, storeDebounceMs: 10_000, storeMaxWaitMs: 10_000 });
    const typist = client(first.url, 'long', { user: 'alice' });
    await synced(typist.provider);
    for (let i = 0; i < 120; i++) typist.text.insert(typist.text.length, i % 10 === 9 ? '\n' : 'x');
    typist.text.delete(0, 5);
    await waitFor(async () => (await first.pads.getText('long')) === typist.text.toString());
    expect(await countRows(store, 'long')).toBe(121);
    await first.pads.flush();
    expect(await countRows(store, 'long')).toBe(1);
    typist.destroy();
    await first.close();
    const second = await server({ store });
    expect(await second.pads.getText('long')).toBe(typist.text.toString());
  });

  it('an idle pad is stored compactly and unloaded, then reloads with its text', async () => {
    const store = await open();
    const { url, pads } = await server({ store, idleUnloadMs: 50 });
    const a = client(url, 'veille', { user: 'alice' });
    await synced(a.provider);
    for (const word of ['un ', 'deux ', 'trois']) a.text.insert(a.text.length, word);
    await waitFor(async () => (await pads.getText('veille')) === 'un deux trois');
    a.destroy();
    await waitFor(async () => (await countRows(store, 'veille')) === 1, 5000, 'unload compaction');
    const b = client(url, 'veille', { user: 'bob' });
    await synced(b.provider);
    expect(b.text.toString()).toBe('un deux trois');
  });

  it('a new meeting pad starts from its template, once', async () => {
    const store = await open();
    const calls: string[] = [];
    const onCreate = async ({ padName }: { padName: string }) => {
      calls.push(padName);
      return padName.startsWith('reunion-') ? '# Réunion\n\n## Décisions\n' : undefined;
    };
    const first = await server({ store, hooks: { onAuthenticate: (await import('./helpers.ts')).testAuth, onCreate } });
    const a = client(first.url, 'reunion-lundi', { user: 'alice' });
    await synced(a.provider);
    expect(a.text.toString()).toBe('# Réunion\n\n## Décisions\n');
    a.destroy();
    await first.close();
    const second = await server({ store, hooks: { onAuthenticate: (await import('./helpers.ts')).testAuth, onCreate } });
    const b = client(second.url, 'reunion-lundi', { user: 'bob' });
    await synced(b.provider);
    expect(b.text.toString()).toBe('# Réunion\n\n## Décisions\n');
    expect(calls).toEqual(['reunion-lundi']);
    expect(await second.pads.seedText('reunion-lundi', 'autre')).toBe(false);
    expect(await second.pads.seedText('page-ressources', 'Texte de la page', { publishedPath: 'ressources/visio.md' })).toBe(true);
    expect(await second.pads.getText('page-ressources')).toBe('Texte de la page');
    expect((await second.pads.getMeta('page-ressources'))?.publishedPath).toBe('ressources/visio.md');
    await expect(second.pads.getText('inconnu')).rejects.toMatchObject({ code: 'PageNotFound' });
  });

  it('a pad whose stored state cannot be read is refused and never overwritten', async () => {
    const store = await open();
    const first = await server({ store });
    await first.pads.seedText('abime', 'contenu');
    await first.close();
    await store.run('INSERT INTO pad_updates (pad, data, at) VALUES (?, ?, ?)', ['abime', new Uint8Array([1, 200]), 0]);
    const second = await server({ store });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = rawClient(`${second.url}/abime?user=alice`);
    expect(await c.closed).toBe(1011);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    await expect(second.pads.getText('abime')).rejects.toThrow();
    await second.close();
    expect(await countRows(store, 'abime')).toBe(2);
  });
});
