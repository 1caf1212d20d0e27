/** Runs a history build in a worker thread and hands its batches back in order. */
import { Worker } from 'node:worker_threads';
import type { NewCommitRecord } from './history-build.ts';
import type { HistoryBuildResult } from './history-reader-choice.ts';
import type { HistoryWorkerInput, HistoryWorkerMessage } from './history-worker.ts';

/** Options of `buildHistoryInWorker`. */
export interface BuildHistoryInWorkerOptions extends HistoryWorkerInput {
  /** Receives each batch, parents before children; awaited before the next one. */
  onBatch: (records: NewCommitRecord[]) => void | Promise<void>;
  /** Told why git could not be used (the worker goes on with isomorphic-git). */
  onFallback: (reason: string) => void;
}

/** Builds the records in a worker; rejects when the worker fails (batches already handed stay valid). */
export function buildHistoryInWorker({ onBatch, onFallback, ...input }: BuildHistoryInWorkerOptions): Promise<HistoryBuildResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./history-worker.ts', import.meta.url), { workerData: input });
    // Batches are applied one after the other even when onBatch is slow (it may write the cache file).
    let chain: Promise<void> = Promise.resolve();
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    // Once the batches received are applied, whether or not the last one failed.
    const afterBatches = (fn: () => void): void => {
      const end = (): void => finish(fn);
      void chain.then(end, end);
    };
    worker.on('message', (message: HistoryWorkerMessage) => {
      if ('batch' in message) chain = chain.then(() => onBatch(message.batch));
      else if ('fallback' in message) onFallback(message.fallback);
      else if ('done' in message) void chain.then(() => finish(() => resolve(message.done)), (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))));
      else afterBatches(() => reject(new Error(`history worker: ${message.error}`)));
    });
    worker.on('error', (error: Error) => afterBatches(() => reject(error)));
    worker.on('exit', (code) => afterBatches(() => reject(new Error(`history worker exited (${code})`))));
  });
}
