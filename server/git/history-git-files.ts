/**
 * Two small questions a history index asks before its first build, answered by the `git` binary
 * so that the server's thread does not load the repository's pack index to ask them: the files of
 * the head commit (the first refresh's answer) and whether the history is long.
 */
import { execFile } from 'node:child_process';
import { gitEnvironment } from './history-git-log.ts';
import { isUnsafeEntryName } from './tree-entries.ts';

/** Options of the git questions. */
export interface GitQuestionOptions {
  /** The git program. */
  git: string;
  /** Working tree of the repository. */
  dir: string;
  /** The commit asked about. */
  commit: string;
}

function run(git: string, dir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(git, args, { cwd: dir, env: gitEnvironment(dir), encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(new Error(`git ${args[0] ?? ''} a échoué`, { cause: error })) : resolve(stdout)));
  });
}

/**
 * Files of `commit` as isomorphic-git's tree walk lists them (same order): blobs and links, no
 * submodule entry, nothing under an unsafe name; `unsafe` holds each unsafe entry met.
 */
export async function listFilesWithGit({ git, dir, commit }: GitQuestionOptions): Promise<{ paths: string[]; unsafe: string[] }> {
  const out = await run(git, dir, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const paths: string[] = [];
  const unsafe = new Set<string>();
  for (const line of out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const path = line.slice(tab + 1);
    const parts = path.split('/');
    const bad = parts.findIndex(isUnsafeEntryName);
    if (bad >= 0) unsafe.add(parts.slice(0, bad + 1).join('/'));
    else if (!line.startsWith('160000 ')) paths.push(path);
  }
  return { paths, unsafe: [...unsafe] };
}

/** How many commits `commit` has in its history, counting no further than `max` + 1. */
export async function countCommitsWithGit({ git, dir, commit, max }: GitQuestionOptions & { max: number }): Promise<number> {
  return Number((await run(git, dir, ['rev-list', '--count', `--max-count=${max + 1}`, commit])).trim());
}
