/** A queue that runs asynchronous tasks one after another, in the order they were added. */

/** The queue returned by createSerialQueue. */
export interface SerialQueue {
  /** Runs `task` after every task added before it; the promise settles with it. */
  add<T>(task: () => Promise<T>): Promise<T>;
  /** Runs `fn` as soon as no task is waiting or running (at once if none is), in the same tick as that check. */
  whenIdle(fn: () => void): void;
  /** Resolves once no task is waiting or running. */
  idle(): Promise<void>;
}

/** Creates an empty queue. */
export function createSerialQueue(): SerialQueue {
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const queue: SerialQueue = {
    add(task) {
      pending += 1;
      const run = tail.then(task).finally(() => {
        pending -= 1;
      });
      tail = run.catch(() => undefined);
      return run;
    },
    whenIdle(fn) {
      // Checked and run in one synchronous step: no task can slip in between.
      if (pending === 0) fn();
      else void tail.then(() => queue.whenIdle(fn));
    },
    idle: () => new Promise((resolve) => queue.whenIdle(resolve)),
  };
  return queue;
}
