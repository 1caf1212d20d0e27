/** A promise chain that runs editing steps one after another. */

/** Runs async steps strictly one at a time, in call order. */
export interface EditLock {
  /** Runs `step` once every earlier step has settled. */
  run<T>(step: () => Promise<T>): Promise<T>;
}

/** Creates an edit lock. */
export function createEditLock(): EditLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(step) {
      const result = tail.then(step, step);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
