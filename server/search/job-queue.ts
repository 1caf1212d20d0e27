/** A serial queue of builds where bursts of changes coalesce into one batch. */
import { createSerial } from '../util/serial.ts';

/** Options of `createJobQueue`. */
export interface JobQueueOptions<T> {
  /** Applies one (coalesced) batch. */
  run: (batch: T) => Promise<void>;
  /** Folds a new change into the waiting batch (later wins). */
  merge: (waiting: T, next: T) => T;
}

/** The queue: `push` coalesces while a job runs; `exclusive` runs a function alone, in order. */
export interface JobQueue<T> {
  /** Queues a change; resolves once the batch holding it has run. */
  push(change: T): Promise<void>;
  /** Runs `job` after every job queued before it, and before any queued after it. */
  exclusive<R>(job: () => Promise<R>): Promise<R>;
  /** Resolves when the queue is empty. */
  idle(): Promise<void>;
  /** Jobs queued or running. */
  size(): number;
}

/** Creates an empty queue. */
export function createJobQueue<T>(options: JobQueueOptions<T>): JobQueue<T> {
  const serial = createSerial();
  let waiting: { batch: T; settle: Array<{ resolve: () => void; reject: (e: unknown) => void }> } | undefined;

  // One failed build must not block the next ones: the serial queue carries on after a failure.
  const exclusive = <R>(job: () => Promise<R>): Promise<R> => serial.run(job);

  return {
    push(change) {
      return new Promise<void>((resolve, reject) => {
        if (waiting) {
          waiting.batch = options.merge(waiting.batch, change);
          waiting.settle.push({ resolve, reject });
          return;
        }
        const entry = { batch: change, settle: [{ resolve, reject }] };
        waiting = entry;
        void exclusive(async () => {
          // Taken when the job starts, so changes pushed during the previous build join this batch.
          if (waiting === entry) waiting = undefined;
          await options.run(entry.batch);
        }).then(
          () => entry.settle.forEach((s) => s.resolve()),
          (error: unknown) => entry.settle.forEach((s) => s.reject(error)),
        );
      });
    },
    exclusive,
    idle: () => serial.idle(),
    size: () => serial.size(),
  };
}
