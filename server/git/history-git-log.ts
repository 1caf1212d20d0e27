/**
 * Reads the commit graph and what each commit changed through the `git` binary: one `git log`
 * process whose NUL-separated output is parsed as it streams. Only a first history build uses it
 * (an accelerator: the isomorphic-git reader stays, and takes over when git is missing or fails).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RawChange } from './tree-diff.ts';

/** One commit as `git log` gives it: ids and its blob-level changes against its first parent. */
export interface LoggedCommit {
  /** Commit id. */
  oid: string;
  /** Root tree id. */
  tree: string;
  /** Parent ids, first parent first. */
  parents: string[];
  /** Files that differ from the first parent (all files for a root commit), unsafe names included. */
  raw: RawChange[];
}

/** Options of `readGitLog`. */
export interface ReadGitLogOptions {
  /** The git program. */
  git: string;
  /** Working tree of the repository. */
  dir: string;
  /** Commit to read from. */
  head: string;
  /** Commits already indexed: neither they nor their ancestors are read. */
  exclude: Iterable<string>;
  /** Told each commit id as soon as git names it (its object can be asked for while the log goes on). */
  onCommit?: (oid: string) => void;
}

/**
 * Environment of the git processes: the repository is `dir` and nothing else (no variable of the
 * server's environment pointing elsewhere, no search above it), objects as stored (no replacements).
 */
export function gitEnvironment(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(dir)), GIT_NO_REPLACE_OBJECTS: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

// Every option that a user's configuration could change is set: the output must be what this parser expects.
const logArguments = ['log', '--stdin', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--root', '--no-color', '--no-relative', '--ignore-submodules=none', '--no-show-signature', '--no-notes', '--no-use-mailmap', '--format=%x01%H%x00%T%x00%P'];
const meta = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [A-Z]\d*$/;
// Regular files and symbolic links are blobs to the history; a submodule is nothing to it, as for isomorphic-git.
const blobSide = (mode: string, oid: string): string | undefined => (mode.startsWith('10') || mode.startsWith('12') ? oid : undefined);

/** Reads every commit reachable from `head` and not excluded, in git's order; rejects when git fails. */
export function readGitLog({ git, dir, head, exclude, onCommit }: ReadGitLogOptions): Promise<LoggedCommit[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, [...logArguments, head], { cwd: dir, env: gitEnvironment(dir), stdio: ['pipe', 'pipe', 'pipe'] });
    const commits: LoggedCommit[] = [];
    let current: LoggedCommit | undefined;
    let header: string[] = [];
    let pendingMeta: RegExpExecArray | undefined;
    let rest: Buffer = Buffer.alloc(0);
    let stderr = '';
    let failure: Error | undefined;

    const token = (text: string): void => {
      if (header.length > 0 || (!pendingMeta && text.startsWith('\x01'))) {
        header.push(header.length === 0 ? text.slice(1) : text);
        if (header.length < 3) return;
        const [oid = '', tree = '', parents = ''] = header;
        commits.push((current = { oid, tree, parents: parents === '' ? [] : parents.split(' '), raw: [] }));
        header = [];
        onCommit?.(oid);
      } else if (pendingMeta) {
        const [, oldMode = '', newMode = '', oldOid = '', newOid = ''] = pendingMeta;
        pendingMeta = undefined;
        const change = { path: text, before: blobSide(oldMode, oldOid), after: blobSide(newMode, newOid) };
        if (change.before || change.after) current?.raw.push(change);
      } else {
        const match = meta.exec(text);
        if (!match || !current) throw new Error(`git log: unexpected output ${JSON.stringify(text.slice(0, 80))}`);
        pendingMeta = match;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      try {
        for (let end = data.indexOf(0, start); end >= 0; end = data.indexOf(0, start)) {
          token(data.toString('utf8', start, end));
          start = end + 1;
        }
      } catch (error) {
        failure = error as Error;
        child.kill();
      }
      rest = data.subarray(start);
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`git log a échoué (code ${code}) : ${stderr.trim().slice(0, 500)}`));
      else if (header.length > 0 || pendingMeta || rest.length > 0) reject(new Error('git log: output cut short'));
      else resolve(commits);
    });
    // Known commits are excluded by id on stdin: a resumed build may know thousands.
    child.stdin.on('error', () => undefined);
    for (const oid of exclude) child.stdin.write(`^${oid}\n`);
    child.stdin.end();
  });
}
