/**
 * Bounds how many async jobs run at once. The index reads every changed page when it starts:
 * at 100,000 pages an unbounded `Promise.all` opened every file at once and the hub died of
 * EMFILE (too many open files).
 */

/** How many files the index and the scan read at once: enough to keep the disk busy, far below any fd limit. */
export const fileReadConcurrency = 64;

/** Runs jobs with at most `concurrency` of them started and not yet settled. */
export interface Limit {
  /** Runs `job` as soon as fewer than `concurrency` jobs are in flight (in call order). */
  <T>(job: () => Promise<T>): Promise<T>;
  /** Jobs started and not settled. */
  active(): number;
  /** Jobs waiting for a free slot. */
  pending(): number;
}

/** Creates a limiter; jobs queue in call order, a failed job frees its slot like a fulfilled one. */
export function createLimit(concurrency: number): Limit {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const queue: Array<() => void> = [];
  let active = 0;
  const next = (): void => {
    active--;
    queue.shift()?.();
  };
  const limit = <T>(job: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active++;
        // A job that throws synchronously still frees its slot.
        Promise.resolve()
          .then(job)
          .then(resolve, reject)
          .finally(next);
      };
      if (active < concurrency) start();
      else queue.push(start);
    });
  return Object.assign(limit, { active: () => active, pending: () => queue.length });
}

/** Maps `items` through `fn` with at most `concurrency` calls in flight; results keep the input order. */
export function mapLimited<T, R>(items: Iterable<T>, concurrency: number | Limit, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = typeof concurrency === 'number' ? createLimit(concurrency) : concurrency;
  return Promise.all(Array.from(items, (item) => limit(() => fn(item))));
}
