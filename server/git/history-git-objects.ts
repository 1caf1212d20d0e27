/**
 * Reads objects through one `git cat-file --batch` process for a history build: requests are
 * written as they come (hundreds ahead of the answers), answers are read back in order, so
 * reading ten thousand page versions is one stream rather than ten thousand round trips.
 */
import { spawn } from 'node:child_process';
import { gitEnvironment } from './history-git-log.ts';

/** An object read from the repository. */
export interface GitObject {
  /** Object id (the answer to a `<commit>:<path>` request names it). */
  oid: string;
  /** Object type (`blob`, `tree`, `commit`, `tag`). */
  type: string;
  /** Its content. */
  data: Buffer;
}

/** Options of `openGitObjects`. */
export interface OpenGitObjectsOptions {
  /** The git program. */
  git: string;
  /** Working tree of the repository. */
  dir: string;
}

interface Waiting {
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

const headerLine = /^([0-9a-f]{40,64}) (\w+) (\d+)$/;

/** Starts the reader; call `close()` when done. */
export function openGitObjects({ git, dir }: OpenGitObjectsOptions) {
  const child = spawn(git, ['cat-file', '--batch'], { cwd: dir, env: gitEnvironment(dir), stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: Waiting[] = [];
  let failure: Error | undefined;
  let stderr = '';
  // Bytes received and not yet consumed, kept as chunks: a large blob arrives in many pieces.
  let chunks: Buffer[] = [];
  let length = 0;
  let body: { oid: string; type: string; size: number } | undefined;

  const fail = (error: Error): void => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  const take = (count: number): Buffer => {
    const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
    chunks = count < all.length ? [all.subarray(count)] : [];
    length = all.length - count;
    return all.subarray(0, count);
  };
  const drain = (): void => {
    for (;;) {
      if (!body) {
        const first = chunks[0];
        if (!first) return;
        let nl = first.indexOf(10);
        if (nl < 0) {
          if (chunks.length === 1) return;
          chunks = [Buffer.concat(chunks, length)];
          nl = (chunks[0] as Buffer).indexOf(10);
          if (nl < 0) return;
        }
        const line = take(nl + 1).toString('utf8', 0, nl);
        const match = headerLine.exec(line);
        if (!match) {
          // `<name> missing` (or ambiguous): no such object, or no such path in that commit.
          waiting.shift()?.resolve(undefined);
          continue;
        }
        body = { oid: match[1] as string, type: match[2] as string, size: Number(match[3]) };
      }
      if (length < body.size + 1) return;
      // A view, not a copy: the chunk it lies in is freed once the build is done with its batch.
      const data = take(body.size + 1).subarray(0, body.size);
      const { oid, type } = body;
      body = undefined;
      waiting.shift()?.resolve({ oid, type, data });
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
    drain();
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  child.stdin.on('error', () => undefined);
  child.on('error', fail);
  child.on('close', (code) => fail(new Error(`git cat-file s’est arrêté (code ${code}) : ${stderr.trim().slice(0, 500)}`)));

  let requests: string[] = [];
  const flush = (): void => {
    if (requests.length === 0 || failure) return;
    child.stdin.write(`${requests.join('\n')}\n`);
    requests = [];
  };

  function read(name: string): Promise<GitObject | undefined> {
    if (failure) return Promise.reject(failure);
    if (/[\n\r]/.test(name)) return Promise.reject(new Error(`git cat-file cannot read ${JSON.stringify(name)}`));
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      // One write per tick for all the requests made in it: a write per request costs more than git's answer.
      if (requests.length === 0) setImmediate(flush);
      requests.push(name);
    });
  }

  return {
    /** An object by id, or `<commit>:<path>`; undefined when there is none. */
    read,
    /** A blob's bytes by id or `<commit>:<path>`; undefined when there is no such blob. */
    async blob(name: string): Promise<Buffer | undefined> {
      const object = await read(name);
      return object?.type === 'blob' ? object.data : undefined;
    },
    /** Ends the process (answers still awaited are refused). */
    close(): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.stdin.end();
      });
    },
  };
}

/** A running object reader. */
export type GitObjects = ReturnType<typeof openGitObjects>;
