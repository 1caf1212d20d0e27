/**
 * Worker thread of a history index: it runs the index's git commands (a fork stops the thread
 * that makes it, for tens of milliseconds in a large process) and builds the first history (every
 * commit and tree of the repository, seconds at 10,000 commits). This entry stays small: git
 * starts before the modules that make the records (page parser, settings schema) are loaded.
 */
import { registerHooks } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { runGit } from './history-git-run.ts';

/** What the worker is given once. */
export interface HistoryWorkerInput {
  /** Working tree of the repository. */
  dir: string;
  /** The git program, or false for isomorphic-git only. */
  git: string | false;
}

/** What the worker is asked: a git command's output, or a build. */
export type HistoryWorkerRequest =
  | { id: number; args: string[] }
  | { id: number; build: { head: string; knownTrees: Array<[string, string]> } };

/** What the worker posts for a request: a git command's output; a build's batches (JSON lines), why git was not used, then its end; or a failure. */
export type HistoryWorkerMessage =
  | { id: number; text: string }
  | { id: number; lines: string; count: number }
  | { id: number; fallback: string }
  | { id: number; done: import('./history-reader-choice.ts').HistoryBuildResult }
  | { id: number; error: string };

const nativePako = new URL('./pako-native.ts', import.meta.url).href;
// Only isomorphic-git's `pako` is swapped; the shim itself loads the real one.
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'pako' && context.parentURL?.includes('/node_modules/isomorphic-git/')) return { url: nativePako, shortCircuit: true };
    return next(specifier, context);
  },
});

const input = workerData as HistoryWorkerInput;
const post = (message: HistoryWorkerMessage): void => parentPort?.postMessage(message);
const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function build(id: number, head: string, knownTrees: Array<[string, string]>): Promise<void> {
  // Loaded on first use, after the hook: isomorphic-git (the fallback) sees the native pako.
  const { buildHistoryPreferringGit } = await import('./history-reader-choice.ts');
  const { createSnapshotFs } = await import('./snapshot-fs.ts');
  const done = await buildHistoryPreferringGit({
    dir: input.dir,
    head,
    knownTrees: new Map(knownTrees),
    fs: createSnapshotFs(),
    git: input.git,
    onFallback: (fallback) => post({ id, fallback }),
    // Serialized here: the server's thread appends the lines to the cache file as they are and parses them once.
    onBatch: (batch) => post({ id, lines: batch.map((record) => `${JSON.stringify(record)}\n`).join(''), count: batch.length }),
  });
  post({ id, done });
}

parentPort?.on('message', (request: HistoryWorkerRequest) => {
  const { id } = request;
  const answer = 'args' in request ? (input.git === false ? Promise.reject(new Error('git non utilisé')) : runGit({ git: input.git, dir: input.dir, args: request.args }).then((text) => post({ id, text }))) : build(id, request.build.head, request.build.knownTrees);
  answer.catch((error: unknown) => post({ id, error: describe(error) }));
});
