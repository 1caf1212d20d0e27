/**
 * Benchmark of the git layer (not a test): one-file commit through the hub vs the git CLI, and
 * the first history build over 10,000 commits. Run: `node_modules/.bin/node tests/git/bench-git.ts`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { createHistoryIndex } from '../../server/git/history-index.ts';
import { fixedClock, gitEnv, gitSync, makeTempDir, removeDir, writeFile } from './helpers.ts';

const commits = Number(process.argv[2] ?? 10_000);
const pages = 500;
const root = await makeTempDir('gare-bench-');
const dir = path.join(root, 'wiki');
try {
  // 10k commits, each editing one of 500 pages in 20 folders, built fast with git fast-import.
  const lines: string[] = [];
  for (let i = 0; i < commits; i++) {
    const page = `section-${i % 20}/page-${i % pages}.md`;
    const body = `---\ntitle: Page ${i % pages}\n---\nVersion ${i}\n${'Du texte.\n'.repeat(20)}`;
    const msg = `Modifie ${page} (${i})\n`;
    lines.push(
      'commit refs/heads/main',
      `author Personne ${i % 7} <p${i % 7}@example.org> ${1_700_000_000 + i * 60} +0000`,
      `committer Personne ${i % 7} <p${i % 7}@example.org> ${1_700_000_000 + i * 60} +0000`,
      `data ${Buffer.byteLength(msg)}`,
      msg,
      `M 100644 inline ${page}`,
      `data ${Buffer.byteLength(body)}`,
      body,
    );
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv(), input: lines.join('\n') + '\n' });
  gitSync(dir, ['checkout', '-q', '-f', 'main']);

  const cacheFile = path.join(dir, '.git', 'gare-history.json');
  let t = performance.now();
  const cpu = process.cpuUsage();
  const index = createHistoryIndex({ dir, cacheFile });
  const first = await index.refresh();
  const buildMs = performance.now() - t;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  console.log(
    `history: first refresh over ${commits} commits (packed): ${buildMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ` +
      `${first.changedPaths.length} paths (cache saved)`,
  );
  t = performance.now();
  const restarted = createHistoryIndex({ dir, cacheFile });
  await restarted.refresh();
  console.log(`history: restart from the cache file: ${(performance.now() - t).toFixed(0)} ms`);

  const queue = createCommitQueue({ dir, now: fixedClock('2030-01-01T00:00:00Z') });
  const runs = 30;
  t = performance.now();
  for (let i = 0; i < runs; i++) {
    await queue.commitFiles({
      changes: [{ path: `section-${i % 20}/page-${i}.md`, content: `hub ${i}\n` }],
      author: { name: 'Alice', email: 'alice@example.org' },
      message: `Hub ${i}`,
    });
  }
  const hubMs = (performance.now() - t) / runs;
  t = performance.now();
  for (let i = 0; i < runs; i++) {
    await writeFile(dir, `section-${i % 20}/page-${i}.md`, `cli ${i}\n`);
    gitSync(dir, ['add', `section-${i % 20}/page-${i}.md`]);
    gitSync(dir, ['commit', '-q', '-m', `CLI ${i}`]);
  }
  const cliMs = (performance.now() - t) / runs;
  console.log(`one-file commit (${pages} files in tree): hub ${hubMs.toFixed(1)} ms, git CLI add+commit ${cliMs.toFixed(1)} ms`);

  t = performance.now();
  const next = await index.refresh();
  console.log(`history: incremental refresh over ${runs * 2} new commits: ${(performance.now() - t).toFixed(0)} ms, ${next.changedPaths.length} paths`);
  t = performance.now();
  for (let i = 0; i < pages; i++) index.historyOf(`section-${i % 20}/page-${i}.md`);
  console.log(`history: historyOf for ${pages} pages: ${(performance.now() - t).toFixed(1)} ms`);
  console.log(`status clean: ${gitSync(dir, ['status', '--porcelain']) === ''}`);
} finally {
  await removeDir(root);
}
