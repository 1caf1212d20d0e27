/**
 * A restart over an unchanged repository makes no search record text: every page's plain text
 * is taken back from the data folder (no page file read back, no Markdown stripped), the answers
 * are those of the first start, for visitors and the team; after a commit made while the hub was
 * stopped, only the committed page's text is made again.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHubIn } from '../helpers/start-hub.ts';

let dataDir: string;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const start = () => startHubIn(dataDir);

type Gare = Awaited<ReturnType<typeof start>>;
const queries = ['visioconference', 'réunion', 'bénévoles', 'modération', 'atelier', 'compte rendu'];
const answers = (gare: Gare) =>
  Object.fromEntries(
    (['public', 'equipe'] as const).flatMap((audience) => queries.map((query) => [`${audience}:${query}`, gare.hub.search.serverSearch({ query, audience }).results.map((r) => r.url).sort()])),
  );

describe('the search texts on a restart', () => {
  it('are all taken back when nothing changed, and only the committed page’s is made after a commit', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-restart-texts-'));
    const first = await start();
    const pages = first.hub.search.indexer.stats().records;
    // A sync right after start may hand a page again: its text is then taken back, never made twice.
    expect(first.hub.search.indexer.stats().texts.made).toBe(pages);
    const before = answers(first);
    expect(before['public:visioconference']).toContain('/wiki/ressources/visioconference-libre');
    expect(before['equipe:modération']?.length).toBeGreaterThan(0);
    await first.close();

    const second = await start();
    try {
      expect(second.hub.search.indexer.stats().texts.made).toBe(0);
      expect(second.hub.search.indexer.stats().texts.reused).toBeGreaterThanOrEqual(pages);
      expect(second.hub.search.indexer.stats().followersRestored).toBe(true);
      expect(answers(second)).toEqual(before);
    } finally {
      await second.close();
    }

    // Committed in a terminal while the hub is stopped.
    const wiki = path.join(dataDir, 'wiki');
    await appendFile(path.join(wiki, 'ressources', 'visioconference-libre.md'), '\nUn mot rare : ornithorynque.\n');
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@localhost' };
    execFileSync('git', ['commit', '-qam', 'Un mot rare'], { cwd: wiki, env });
    const third = await start();
    try {
      expect(third.hub.search.indexer.stats().texts.made).toBe(1);
      expect(third.hub.search.indexer.stats().texts.reused).toBeGreaterThanOrEqual(pages - 1);
      expect(third.hub.search.serverSearch({ query: 'ornithorynque', audience: 'public' }).results.map((r) => r.url)).toEqual(['/wiki/ressources/visioconference-libre']);
      expect(answers(third)).toEqual(before);
    } finally {
      await third.close();
    }
  }, 180_000);
});
