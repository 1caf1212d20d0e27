/**
 * The one way the server runs async work one at a time: a serial queue, a keyed family of them,
 * and a coalescing runner (calls made while a run is going share the next run).
 */

/** Runs async jobs strictly one at a time, in call order; a failed job does not block the next. */
export interface Serial {
  /** Runs `job` once every job queued before it has settled. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves once no job is queued or running (jobs queued meanwhile included). */
  idle(): Promise<void>;
  /** Jobs queued or running. */
  size(): number;
}

/** Creates an empty serial queue. */
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  let jobs = 0;
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      jobs += 1;
      const result = tail.then(job, job).finally(() => (jobs -= 1));
      // A failed job must not block the ones queued after it.
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      while (jobs > 0) await tail;
    },
    size: () => jobs,
  };
}

/** Serial queues by key: jobs of one key run one after the other, other keys run freely. */
export type KeyedSerial = <T>(key: string, job: () => Promise<T>) => Promise<T>;

/** Creates a keyed serial queue; a key's queue is forgotten once it is empty. */
export function createKeyedSerial(): KeyedSerial {
  const queues = new Map<string, Serial>();
  return <T>(key: string, job: () => Promise<T>): Promise<T> => {
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = createSerial()));
    const owner = queue;
    return owner.run(job).finally(() => {
      if (owner.size() === 0 && queues.get(key) === owner) queues.delete(key);
    });
  };
}

/** A task run one at a time, where calls made while it runs join the one next run. */
export interface Coalescing<T> {
  /** Runs the task after the current run; calls before that next run starts share its result. */
  run(): Promise<T>;
  /** True while a next run is asked for and has not started yet. */
  pending(): boolean;
  /** Resolves when no run is queued or running. */
  idle(): Promise<void>;
}

/** Wraps `task` so that bursts of calls cost at most two runs (the current one and the next). */
export function createCoalescing<T>(task: () => Promise<T>): Coalescing<T> {
  const serial = createSerial();
  let next: Promise<T> | undefined;
  return {
    run() {
      if (next) return next;
      const mine = serial.run(() => {
        next = undefined;
        return task();
      });
      next = mine;
      return mine;
    },
    pending: () => next !== undefined,
    idle: () => serial.idle(),
  };
}
