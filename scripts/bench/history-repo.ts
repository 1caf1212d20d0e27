/**
 * A content repository with a long history, for the editing benchmark: `pages` wiki pages, then
 * one-page edits up to `commits` commits, written in one `git fast-import` stream (seconds for
 * 10,000 commits). One page takes a tenth of all edits, so it has a long history of its own.
 * (Moved from tests/git/bench-git.ts, the git layer's first benchmark.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePage } from './corpus.ts';

/** Environment for the git CLI that ignores the machine's configuration. */
export function gitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Terminal',
    GIT_AUTHOR_EMAIL: 't@localhost',
    GIT_COMMITTER_NAME: 'Terminal',
    GIT_COMMITTER_EMAIL: 't@localhost',
  };
}

/** Runs the git CLI in `dir`. */
export function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input === undefined ? {} : { input }) });
}

/** The repository made by `generateHistoryRepo`. */
export interface HistoryRepo {
  /** Working tree. */
  dir: string;
  /** Path of the page edited by one commit in ten. */
  busyPage: string;
  /** Path of a page with an ordinary history (`commits / pages` versions). */
  quietPage: string;
}

/** Creates a temporary repository of `commits` commits over `pages` pages (checked out). */
export async function generateHistoryRepo({ commits, pages }: { commits: number; pages: number }): Promise<HistoryRepo> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gare-bench-history-${commits}-`));
  const texts = Array.from({ length: pages }, (_, i) => generatePage(i, pages));
  const stream: string[] = [];
  const data = (text: string): void => void stream.push(`data ${Buffer.byteLength(text)}`, text);
  const header = (i: number, message: string): void => {
    const who = `Personne ${i % 7} <p${i % 7}@exemple.org> ${1_700_000_000 + i * 60} +0000`;
    stream.push('commit refs/heads/main', `author ${who}`, `committer ${who}`);
    data(message);
  };
  header(0, `Import de ${pages} pages\n`);
  for (const page of texts) {
    stream.push(`M 100644 inline ${page.path}`);
    data(page.text);
  }
  for (let i = 1; i < commits; i++) {
    const page = texts[i % 10 === 0 ? 0 : i % pages]!;
    header(i, `Modifie « ${page.title} » (${i})\n`);
    stream.push(`M 100644 inline ${page.path}`);
    data(`${page.text}\nVersion ${i}, relue par Personne ${i % 7}.\n`);
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  git(dir, ['fast-import', '--quiet'], stream.join('\n') + '\n');
  git(dir, ['checkout', '-q', '-f', 'main']);
  return { dir, busyPage: texts[0]!.path, quietPage: texts[1]!.path };
}

/** Writes one file and commits it with `git add` + `git commit`, as someone at a terminal. */
export async function cliCommitFile(dir: string, file: string, content: string, message: string): Promise<void> {
  await writeFile(path.join(dir, file), content);
  git(dir, ['add', file]);
  git(dir, ['commit', '-q', '-m', message]);
}
