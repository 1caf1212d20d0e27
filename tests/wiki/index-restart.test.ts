/** A restart takes the parsed pages back from the snapshot: an unchanged repository reads no page file, a commit made meanwhile only its files. */
import { indexSnapshotFormat } from '../../server/wiki/index-snapshot.ts';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWikiIndex, type WikiIndex } from '../../server/wiki/wiki-index.ts';

let root: string;
let dir: string;
let snapshotFile: string;
const env = { ...process.env, GIT_AUTHOR_NAME: 'Terminal', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'Terminal', GIT_COMMITTER_EMAIL: 't@localhost' };
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env }).toString().trim();
const put = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
};
const page = (title: string, extra: string, body: string) => `---\ntitle: ${title}\n${extra}---\n\n${body}\n`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gare-restart-'));
  dir = path.join(root, 'wiki');
  snapshotFile = path.join(root, 'data', 'index-snapshot.ndjson');
  await put('accueil.md', page('Accueil', 'visibility: public\ntags: [accueil, Visio]\n', 'Voir [[Le héron]], [[Absente]] et [[guide/demarrer]].'));
  await put('ressources/heron.md', page('Le héron', 'aliases: [Héron cendré]\ntags: [oiseaux]\n', 'Retour à [[Accueil]] ; ![[schema.png]].'));
  await put('guide/demarrer.md', page('Démarrer', 'permalink: /commencer/\n', '# Démarrer\n\nLire [la suite](suite.md).'));
  await put('guide/suite.md', page('Suite', 'status: brouillon\n', 'Revenir à [[Démarrer]] #atelier'));
  await put('_gare/etiquettes.yml', 'alias:\n  visio: [Visioconférence]\n');
  await put('schema.png', 'png');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'Début');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Everything a reader sees of the index: pages, links, backlinks, tags, order. */
function view(index: WikiIndex) {
  const pages = index.all().sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    pages,
    links: pages.map((p) => [p.path, index.linksOf(p.path)]),
    backlinks: pages.map((p) => [p.path, index.backlinks(p.path).map((b) => b.path).sort()]),
    broken: [...index.brokenLinks()].sort((x, y) => (x.from + x.target < y.from + y.target ? -1 : 1)),
    tags: index.tags(),
    outline: index.outline(pages),
    titles: ['héron cendré', 'démarrer', 'accueil'].map((t) => index.findByTitle(t)?.path),
    address: index.matchAddress('commencer'),
    files: [index.findFile('schema.png'), index.skippedFiles()],
  };
}

async function start(withSnapshot = true): Promise<WikiIndex> {
  const index = createWikiIndex({ dir, snapshotFile: withSnapshot ? snapshotFile : undefined });
  await index.refresh();
  return index;
}

describe('an index restarted over its snapshot', () => {
  it('reads no page file when the repository is unchanged, and is the same index', async () => {
    const first = await start();
    expect(first.counters.pagesRead).toBe(4);
    expect(first.startedFromSnapshot).toBe(false);
    await first.saveSnapshot({ head: git('rev-parse', 'HEAD') });
    const again = await start();
    expect(again.counters).toMatchObject({ pagesRead: 0, pagesFromSnapshot: 4 });
    // HEAD where the snapshot was written: even the folder's walk is taken from it.
    expect(again.startedFromSnapshot).toBe(true);
    expect(view(again)).toEqual(view(first));
  });

  it('sees an edit made outside any commit at the next full refresh after such a start', async () => {
    const again = await start();
    expect(again.startedFromSnapshot).toBe(true);
    await put('accueil.md', page('Accueil modifié', 'visibility: public\n', 'Sans commit.'));
    expect((await again.refresh()).changed).toEqual(['accueil.md']);
    expect(again.findByTitle('Accueil modifié')?.path).toBe('accueil.md');
    // Put back as committed, and saved so: the next start finds its new stamp in the snapshot.
    git('checkout', '-q', '--', 'accueil.md');
    await again.refresh();
    await again.saveSnapshot({ head: git('rev-parse', 'HEAD') });
  });

  it('reads only the file a commit changed while it was stopped', async () => {
    await put('guide/suite.md', page('La suite', 'status: brouillon\n', 'Revenir à [[Démarrer]] et au [[Héron cendré]].'));
    git('commit', '-qam', 'Suite renommée');
    const again = await start();
    expect(again.startedFromSnapshot).toBe(false);
    expect(again.counters).toMatchObject({ pagesRead: 1, pagesFromSnapshot: 3 });
    expect(again.get('guide/suite.md')?.meta.title).toBe('La suite');
    expect(view(again)).toEqual(view(await start(false)));
  });

  it('ignores a corrupt snapshot with a line in the log, and reads every page', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await writeFile(snapshotFile, `{"format":${indexSnapshotFormat},"settingsText":"{}"}\n[cassé\n`);
      const again = await start();
      expect(again.counters.pagesRead).toBe(4);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('instantané des pages illisible')]);
      expect(view(again)).toEqual(view(await start(false)));
    } finally {
      errors.mockRestore();
    }
  });
});

describe('two pages with the same title', () => {
  it('leave it to the first by path, however the walk and the reads finish', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'gare-same-title-'));
    try {
      const paths: string[] = [];
      for (let f = 0; f < 8; f++) {
        await mkdir(path.join(folder, `d${f}`));
        for (let i = 0; i < 10; i++) {
          paths.push(`d${f}/p-${i}.md`);
          await writeFile(path.join(folder, `d${f}`, `p-${i}.md`), page('Même titre', '', 'x'.repeat(((f * 7 + i * 3) % 11) * 3000)));
        }
      }
      for (let round = 0; round < 3; round++) {
        const index = createWikiIndex({ dir: folder });
        await index.refresh();
        expect(index.findByTitle('Même titre')?.path).toBe('d0/p-0.md');
        expect(index.all().map((p) => p.path)).toEqual(paths.sort());
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
