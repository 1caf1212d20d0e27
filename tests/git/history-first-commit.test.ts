/**
 * A commit made right after start does not wait behind the first history build: the build is
 * held by a hook (no timing), the commit is served meanwhile, and the history catches up once
 * the build is let go.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import type { Config } from '../../server/config.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { createHub } from '../../server/hub/create-hub.ts';
import { gitSync, makeTempDir, removeDir, seedContentRepo, writeFile } from './helpers.ts';

const page = (title: string, body: string) => `---\ntitle: ${JSON.stringify(title)}\ntype: ressource\nvisibility: public\n---\n\n${body}\n`;
let root: string;
let dir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dir = await seedContentRepo(root, { 'ressources/heron.md': page('Le héron', 'Un échassier au bord du canal.') });
});
afterAll(() => removeDir(root));

/** A hook that holds a first build until `release()`; `reached` resolves once the build waits on it. */
function holdBuild() {
  let release = (): void => undefined;
  let arrived = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  return {
    reached,
    release: () => release(),
    beforeFirstBuild: () => {
      arrived();
      return held;
    },
  };
}

describe('a refresh during the first history build', () => {
  it('answers with what the new commit changed without waiting for the build, and the records follow', async () => {
    const hold = holdBuild();
    const history = createHistoryIndex({ dir, beforeFirstBuild: hold.beforeFirstBuild });
    const first = history.refresh();
    const start = gitSync(dir, ['rev-parse', 'HEAD']);
    await hold.reached;
    await writeFile(dir, 'ressources/heron.md', page('Le héron', 'Un échassier gris au bord du canal.'));
    gitSync(dir, ['commit', '-qam', 'Le héron est gris']);
    const answer = await history.refresh();
    expect(answer).toEqual({ changedPaths: ['ressources/heron.md'], head: gitSync(dir, ['rev-parse', 'HEAD']), from: start });
    expect(history.historyOf('ressources/heron.md')).toEqual([]);
    hold.release();
    expect((await first).head).toBe(start);
    // Once the build is done, a refresh waits for the records again.
    expect((await history.refresh()).changedPaths).toEqual([]);
    expect(history.historyOf('ressources/heron.md').map((v) => v.message)).toEqual(['Le héron est gris', 'Wiki d’exemple']);
  });
});

describe('a hub just started', () => {
  it('serves a page committed while its first history build is still under way', async () => {
    const config: Config = { port: 0, host: '127.0.0.1', dataDir: path.join(root, 'donnees'), contentDir: dir, seedContent: false, publicUrl: undefined, remote: undefined };
    const hold = holdBuild();
    const hub = await createHub({ config, history: { beforeFirstBuild: hold.beforeFirstBuild } });
    try {
      // The build has read HEAD and waits: the commit comes after its start.
      await hold.reached;
      const author = { name: 'Alice Martin', email: 'alice@example.org' };
      const saved = await hub.editing.commitAtHead(async () => ({
        commit: { changes: [{ path: 'ressources/aigrette.md', content: page('L’aigrette', 'Un oiseau blanc des marais.') }], author, message: 'Ajoute l’aigrette' },
        value: undefined,
      }));
      expect(saved.changed).toBe(true);
      const reader = hub.forViewer(anonymous);
      const aigrette = reader.page('ressources/aigrette');
      expect(aigrette?.meta.title).toBe('L’aigrette');
      expect((await reader.render(aigrette!)).html).toContain('oiseau blanc');
      // Still building: the history has not met the commit yet.
      expect(hub.history.historyOf('ressources/aigrette.md')).toEqual([]);
      hold.release();
      await hub.historyReady;
      await hub.history.refresh();
      expect(hub.history.historyOf('ressources/aigrette.md').map((v) => v.message)).toEqual(['Ajoute l’aigrette']);
      expect(reader.authors(aigrette!)).toEqual(['Alice Martin']);
    } finally {
      hold.release();
      await hub.close();
    }
  }, 60_000);
});
