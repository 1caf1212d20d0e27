/** Work the first page does not need waits behind the hub's background gate: the register, built by the reminders' round at start. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import type { Config } from '../../server/config.ts';
import { createHub } from '../../server/hub/create-hub.ts';

let root: string;
afterAll(() => rm(root, { recursive: true, force: true }));

describe('a hub starting behind its gate', () => {
  it('reads no meeting text for the register until the gate opens, and runs the reminders after', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'gare-start-gate-'));
    const contentDir = path.join(root, 'wiki');
    await mkdir(path.join(contentDir, 'reunions'), { recursive: true });
    await writeFile(path.join(contentDir, 'accueil.md'), '---\ntitle: Accueil\nvisibility: public\n---\n\nBienvenue.\n');
    await writeFile(
      path.join(contentDir, 'reunions', 'point.md'),
      '---\ntitle: Point du lundi\ntype: reunion\ndate: 2026-01-05\n---\n\n## Décisions\n\n- Décision : on garde le canal.\n\n## Actions\n\n- [ ] @camille appelle la mairie (échéance 2026-01-09)\n',
    );
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@localhost' };
    for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-qm', 'Début']]) execFileSync('git', args, { cwd: contentDir, env });
    const config: Config = { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'data'), contentDir, seedContent: false, publicUrl: undefined, remote: undefined };

    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hub = await createHub({ config, backgroundGate: gate });
    expect(hub.forViewer(anonymous).page('accueil')?.meta.title).toBe('Accueil');
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(hub.index.sourceCounters.fileReads).toBe(0);

    open();
    await hub.search.ready;
    // Closing waits for the round at start: by then it has read the meeting's text.
    await hub.close();
    expect(hub.index.sourceCounters.fileReads).toBeGreaterThan(0);
  }, 60_000);
});
