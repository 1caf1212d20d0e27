/**
 * Background work that yields to visitors. The hub's own work after start (renders kept on disk,
 * the search's records and indexes) shares the event loop and the two cores with requests: run
 * flat out it made a visitor wait behind it for a tenth of a second. Jobs here run in slices of a
 * few milliseconds, one slice at a time, only when no request is in flight — and, so they still
 * finish when visitors never stop, at least one slice every `floorMs`.
 */

/** Options of createIdleWork. */
export interface IdleWorkOptions {
  /** Most milliseconds a slice runs before `due()` tells its job to wait for the next turn (default 5). */
  sliceMs?: number;
  /** Under a constant stream of requests, one slice is still granted this often (default 50 ms). */
  floorMs?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** The scheduler of the hub's background work. */
export interface IdleWork {
  /** Counts a request in flight until its response closes (the HTTP handler calls it first). */
  track(res: { once(event: 'close', listener: () => void): unknown }): void;
  /**
   * Resolves when a slice may run: no request in flight, or the floor's turn. Turns are granted
   * one at a time. `weight`: how many slices' worth of CPU the caller will use (a render in a
   * worker thread takes several): under load its floor turn comes `weight` times later.
   */
  turn(weight?: number): Promise<void>;
  /** True once the current slice has run its time: `await turn()` before going on. */
  due(): boolean;
  /** Calls `fn` for each item, in slices; stops early when `signal` is aborted. */
  each<T>(items: Iterable<T>, fn: (item: T) => void, signal?: AbortSignal): Promise<void>;
  /** Requests in flight now. */
  inFlight(): number;
  /** Slices granted so far (tests, diagnostics). */
  slices(): number;
}

/** Creates a scheduler with no request in flight. */
export function createIdleWork({ sliceMs = 5, floorMs = 50, now = () => performance.now() }: IdleWorkOptions = {}): IdleWork {
  const waiters: Array<{ grant: () => void; weight: number }> = [];
  let inFlight = 0;
  let granted = 0;
  let sliceStart = -Infinity;
  let lastGrant = now();
  let pumping = false;
  let floorTimer: NodeJS.Timeout | undefined;

  // After `setImmediate`: the poll phase before it has read any request that already arrived, so
  // a request-free moment is a real one, and each grant's slice has run before the next grant.
  const schedule = (): void => {
    if (pumping || waiters.length === 0) return;
    pumping = true;
    setImmediate(pump);
  };

  function pump(): void {
    pumping = false;
    const first = waiters[0];
    if (!first) return;
    const waited = now() - lastGrant;
    const floor = floorMs * first.weight;
    if (inFlight > 0 && waited < floor) {
      // Visitors are being served: the floor's turn comes by timer; a quiet moment comes sooner.
      floorTimer ??= setTimeout(() => {
        floorTimer = undefined;
        schedule();
      }, floor - waited).unref();
      return;
    }
    clearTimeout(floorTimer);
    floorTimer = undefined;
    granted += 1;
    lastGrant = sliceStart = now();
    waiters.shift();
    first.grant();
    schedule();
  }

  const done = (): void => {
    inFlight -= 1;
    if (inFlight === 0) schedule();
  };

  const turn = (weight = 1): Promise<void> =>
    new Promise<void>((resolve) => {
      waiters.push({ grant: resolve, weight: Math.max(1, weight) });
      schedule();
    });

  const due = (): boolean => now() - sliceStart >= sliceMs;

  return {
    track(res) {
      inFlight += 1;
      res.once('close', done);
    },
    turn,
    due,
    async each(items, fn, signal) {
      await turn();
      for (const item of items) {
        if (signal?.aborted) return;
        fn(item);
        if (due()) await turn();
      }
    },
    inFlight: () => inFlight,
    slices: () => granted,
  };
}
