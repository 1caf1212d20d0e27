/** Runs at most `n` exports at once; the others wait their turn, so a burst cannot pile up work. */

/** A function that runs jobs under the limit. */
export type Limiter = <T>(job: () => Promise<T>) => Promise<T>;

/** Creates a limiter allowing `n` jobs at a time. */
export function createLimiter(n: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
