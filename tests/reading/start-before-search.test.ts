/**
 * The hub answers pages before the search is prepared (its build waits behind a gate `startGare`
 * opens once requests are served), and a restart takes its pages back from the index snapshot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import type { Config } from '../../server/config.ts';
import { createHub } from '../../server/hub/create-hub.ts';

let root: string;
afterAll(() => rm(root, { recursive: true, force: true }));

describe('a hub starting', () => {
  it('serves a page while the search is not prepared, and prepares it once the gate opens', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'gare-gate-'));
    const contentDir = path.join(root, 'wiki');
    await mkdir(path.join(contentDir, 'ressources'), { recursive: true });
    await writeFile(path.join(contentDir, 'ressources', 'heron.md'), '---\ntitle: Le héron\nvisibility: public\n---\n\nUn échassier au bord du canal.\n');
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@localhost' };
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: contentDir, env });
    execFileSync('git', ['add', '-A'], { cwd: contentDir, env });
    execFileSync('git', ['commit', '-qm', 'Début'], { cwd: contentDir, env });
    const config: Config = { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'data'), contentDir, seedContent: false, publicUrl: undefined, remote: undefined };

    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hub = await createHub({ config, backgroundGate: gate });
    let searchReady = false;
    void hub.search.ready.then(() => (searchReady = true));
    const reader = hub.forViewer(anonymous);
    const page = reader.page('ressources/heron');
    expect(page?.meta.title).toBe('Le héron');
    expect((await reader.render(page!)).html).toContain('échassier');
    // Many turns of the event loop later, still closed: nothing of the search has run.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(searchReady).toBe(false);
    expect(hub.search.serverSearch({ query: 'échassier', audience: 'public' }).results).toEqual([]);

    open();
    await hub.search.ready;
    expect(hub.search.serverSearch({ query: 'échassier', audience: 'public' }).results.map((r) => r.url)).toEqual([page?.url]);
    await hub.close();
  }, 60_000);

  it('restarts over its data folder without reading a page file, and then sees an edit made while stopped', async () => {
    const contentDir = path.join(root, 'wiki');
    const config: Config = { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'data-restart'), contentDir, seedContent: false, publicUrl: undefined, remote: undefined };
    const first = await createHub({ config });
    await first.search.ready;
    expect(first.index.counters.pagesRead).toBe(1);
    await first.close();

    // Edited outside any commit while the hub was stopped: HEAD has not moved.
    await writeFile(path.join(contentDir, 'ressources', 'heron.md'), '---\ntitle: Le héron cendré\nvisibility: public\n---\n\nUn échassier gris.\n');
    const again = await createHub({ config });
    expect(again.index.counters).toMatchObject({ pagesRead: 0, pagesFromSnapshot: 1 });
    expect(again.index.startedFromSnapshot).toBe(true);
    const reader = again.forViewer(anonymous);
    expect(reader.page('ressources/heron')?.meta.title).toBe('Le héron');
    await again.search.ready;
    await vi.waitFor(() => expect(again.forViewer(anonymous).page('ressources/heron')?.meta.title).toBe('Le héron cendré'), { timeout: 30_000 });
    await again.close();
  }, 60_000);
});
