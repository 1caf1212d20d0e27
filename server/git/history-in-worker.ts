/**
 * The server's side of a history worker thread: git commands run there (no fork on this thread),
 * and a build's batches come back in order, already serialized for the cache file.
 */
import { Worker } from 'node:worker_threads';
import type { KnownTrees, NewCommitRecord } from './history-build.ts';
import type { HistoryBuildResult } from './history-reader-choice.ts';
import type { HistoryWorkerInput, HistoryWorkerMessage, HistoryWorkerRequest } from './history-worker.ts';

/** A batch of records from the worker, and the same records as cache file lines (one JSON per line). */
export type WorkerBatchHandler = (records: NewCommitRecord[], lines: string) => void | Promise<void>;

/** Options of a build in the worker. */
export interface WorkerBuildOptions {
  /** Commit to walk from. */
  head: string;
  /** Commits already indexed, with their root tree. */
  knownTrees: KnownTrees;
  /** Receives each batch, parents before children; awaited before the next one. */
  onBatch: WorkerBatchHandler;
  /** Told why git could not be used (the worker goes on with isomorphic-git). */
  onFallback: (reason: string) => void;
}

type Handler = (message: HistoryWorkerMessage) => void;

/** Parses cache file lines back into records. */
export function parseRecordLines(lines: string): NewCommitRecord[] {
  const out: NewCommitRecord[] = [];
  for (const line of lines.split('\n')) if (line !== '') out.push(JSON.parse(line) as NewCommitRecord);
  return out;
}

/** Starts a history worker for the repository in `dir`; `close()` it when done. */
export function openHistoryWorker(input: HistoryWorkerInput) {
  // A larger young generation: a build allocates many short-lived strings and buffers, and scavenges dominated its GC time.
  const worker = new Worker(new URL('./history-worker.ts', import.meta.url), { workerData: input });
  const handlers = new Map<number, Handler>();
  let nextId = 0;
  let failure: Error | undefined;
  // The thread keeps the process alive only while something waits for it.
  worker.unref();
  const fail = (error: Error): void => {
    failure ??= error;
    for (const handler of [...handlers.values()]) handler({ id: -1, error: failure.message });
  };
  worker.on('message', (message: HistoryWorkerMessage) => handlers.get(message.id)?.(message));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`history worker exited (${code})`)));

  function request(body: { args: string[] } | { build: { head: string; knownTrees: Array<[string, string]> } }, handler: Handler): number {
    const id = nextId++;
    if (handlers.size === 0) worker.ref();
    handlers.set(id, handler);
    const message: HistoryWorkerRequest = { id, ...body };
    worker.postMessage(message);
    return id;
  }
  function release(id: number): void {
    handlers.delete(id);
    if (handlers.size === 0) worker.unref();
  }

  return {
    /** Runs git with `args` in the worker; resolves with its output. */
    git(args: string[]): Promise<string> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = request({ args }, (message) => {
          release(id);
          if ('text' in message) resolve(message.text);
          else reject(new Error('error' in message ? message.error : 'history worker: unexpected answer'));
        });
      });
    },
    /** Builds the records in the worker; rejects when it fails (batches already handed stay valid). */
    build({ head, knownTrees, onBatch, onFallback }: WorkerBuildOptions): Promise<HistoryBuildResult> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        // Batches are applied one after the other even when onBatch is slow (it writes the cache file).
        let chain: Promise<void> = Promise.resolve();
        let settled = false;
        const settle = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          release(id);
          fn();
        };
        const known = [...knownTrees.keys()].map((oid): [string, string] => [oid, knownTrees.get(oid) as string]);
        const id = request({ build: { head, knownTrees: known } }, (message) => {
          if ('lines' in message) chain = chain.then(() => onBatch(parseRecordLines(message.lines), message.lines));
          else if ('fallback' in message) onFallback(message.fallback);
          else if ('done' in message) void chain.then(() => settle(() => resolve(message.done)), (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))));
          else if ('error' in message) {
            const end = (): void => settle(() => reject(new Error(`history worker: ${message.error}`)));
            void chain.then(end, end);
          }
        });
      });
    },
    /** Stops the thread (requests still waiting are refused). */
    close: (): Promise<number> => worker.terminate(),
  };
}

/** A running history worker. */
export type HistoryWorker = ReturnType<typeof openHistoryWorker>;
