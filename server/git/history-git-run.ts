/**
 * Runs one short `git` command for the history index and hands back its output. Light on purpose
 * (no isomorphic-git, no page parser): the history worker thread loads it first, so that these
 * forks happen there rather than on the server's thread, where each one stops the event loop.
 */
import { execFile } from 'node:child_process';
import { gitEnvironment } from './history-git-log.ts';

/** Options of `runGit`. */
export interface RunGitOptions {
  /** The git program. */
  git: string;
  /** Working tree of the repository. */
  dir: string;
  /** Arguments after `git`. */
  args: string[];
}

/** Runs git in `dir` with the history's environment; resolves with its standard output. */
export function runGit({ git, dir, args }: RunGitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(git, args, { cwd: dir, env: gitEnvironment(dir), encoding: 'utf8', maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(new Error(`git ${args[0] ?? ''} a échoué`, { cause: error })) : resolve(stdout)));
  });
}

/** Arguments listing every file of `commit` (`git ls-tree`, NUL-separated). */
export const listFilesArguments = (commit: string): string[] => ['ls-tree', '-r', '-z', '--full-tree', commit];

/** Arguments counting the commits of `commit`'s history, no further than `max` + 1. */
export const countCommitsArguments = (commit: string, max: number): string[] => ['rev-list', '--count', `--max-count=${max + 1}`, commit];
