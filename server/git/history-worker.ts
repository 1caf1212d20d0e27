/**
 * Worker thread that builds the history records: the first build reads every commit and tree of
 * the repository (seconds at 10,000 commits), which must never hold the server's event loop.
 */
import { registerHooks } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/** What the worker is given. */
export interface HistoryWorkerInput {
  /** Working tree of the repository. */
  dir: string;
  /** Commit to walk from. */
  head: string;
  /** Commits already indexed, with their root tree. */
  knownTrees: Array<[string, string]>;
  /** The git program, or false for isomorphic-git only. */
  git: string | false;
}

/** What the worker posts: batches of records, why git was not used, then the end (or the failure). */
export type HistoryWorkerMessage =
  | { batch: import('./history-build.ts').NewCommitRecord[] }
  | { fallback: string }
  | { done: import('./history-reader-choice.ts').HistoryBuildResult }
  | { error: string };

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
try {
  // Loaded after the hook, so isomorphic-git sees the native pako.
  const { buildHistoryPreferringGit } = await import('./history-reader-choice.ts');
  const { createSnapshotFs } = await import('./snapshot-fs.ts');
  const done = await buildHistoryPreferringGit({
    dir: input.dir,
    head: input.head,
    knownTrees: new Map(input.knownTrees),
    fs: createSnapshotFs(),
    git: input.git,
    onFallback: (fallback) => post({ fallback }),
    onBatch: (batch) => post({ batch }),
  });
  post({ done });
} catch (error) {
  post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
