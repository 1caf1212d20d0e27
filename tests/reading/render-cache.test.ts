/**
 * Rendered pages survive a restart: a second start on the same data folder serves a page's render
 * from disk (a marker planted in the stored file shows), renders every page in the background, and
 * renders again when a link of the page now leads elsewhere (a linked page made team-only renders
 * as missing for visitors, never from a stale file).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '../../server/access/viewer.ts';
import type { Config } from '../../server/config.ts';
import { startGare } from '../../server/main.ts';
import { root } from '../helpers/start-hub.ts';

const visio = 'ressources/visioconference-libre.md';
const pad = 'tutoriels/utiliser-un-pad.md';
const team: Viewer = { ...anonymous, role: 'equipe', person: { id: 'e', name: 'Équipe', email: 'e@exemple.org' } };
let dataDir: string;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start() {
  const config: Config = { port: 0, host: '127.0.0.1', dataDir, contentDir: path.join(dataDir, 'wiki'), seedContent: true, publicUrl: undefined, remote: undefined };
  return startGare({ config, root });
}

/** Stored render files whose HTML holds `text`. */
async function storedWith(text: string): Promise<string[]> {
  const dir = path.join(dataDir, 'rendus');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  const found: string[] = [];
  for (const file of files) if ((await readFile(file, 'utf8')).includes(text)) found.push(file);
  return found;
}

describe('rendered pages across restarts', () => {
  it('serves the stored render after a restart, and renders again when a link changed', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-rendus-'));
    const first = await start();
    const visitor = first.hub.forViewer(anonymous);
    const page = visitor.pageAt(visio);
    expect(page).toBeDefined();
    const html = (await visitor.render(page!)).html;
    expect(html).toContain('href="/wiki/tutoriels/utiliser-un-pad"');
    const teamHtml = (await first.hub.forViewer(team).render(page!)).html;
    expect(teamHtml).toContain('Utiliser un pad');
    await first.close();

    // One file per audience: a visitor's render is never the team's.
    const stored = await storedWith('/wiki/tutoriels/utiliser-un-pad');
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const file of stored) await writeFile(file, (await readFile(file, 'utf8')).replace('Jitsi', 'Jitsi-depuis-le-disque'));

    const second = await start();
    try {
      const again = second.hub.forViewer(anonymous);
      expect((await again.render(again.pageAt(visio)!)).html).toContain('Jitsi-depuis-le-disque');
      await second.hub.commits.commitFiles({
        changes: [{ path: pad, content: '---\ntitle: Utiliser un pad\ntype: tutoriel\nvisibility: equipe\n---\n\nRéservé.\n' }],
        author: { name: 'Terminal', email: 't@localhost' },
        message: 'pad réservé',
      });
      await second.hub.sync();
      const now = second.hub.forViewer(anonymous);
      const fresh = (await now.render(now.pageAt(visio)!)).html;
      expect(fresh).not.toContain('Jitsi-depuis-le-disque');
      expect(fresh).not.toContain('href="/wiki/tutoriels/utiliser-un-pad"');
      // The background warm-up stored the other public pages too.
      const publicPages = now.pages().length;
      await expect.poll(async () => (await storedWith('"rendered"')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(publicPages);
    } finally {
      await second.close();
    }
  }, 180_000);
});
