/** A debounced task with a maximum wait: runs after `debounceMs` of quiet, and at most `maxWaitMs` after the first call. */

/** The handle returned by createDebounce. */
export interface Debounced {
  /** Asks for a run (the first ask starts the max-wait clock). */
  schedule(): void;
  /** Runs now if a run was asked for; true when it ran. */
  flush(): boolean;
  /** Forgets a pending run. */
  cancel(): void;
}

/** Creates a debounced task; `now` gives the clock used for the maximum wait. */
export function createDebounce(options: { debounceMs: number; maxWaitMs: number; now: () => number; run: () => void }): Debounced {
  let since: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const debounced: Debounced = {
    schedule() {
      since ??= options.now();
      clearTimeout(timer);
      const wait = Math.max(0, Math.min(options.debounceMs, since + options.maxWaitMs - options.now()));
      timer = setTimeout(() => debounced.flush(), wait);
      // Shutdown flushes explicitly; a pending store must not keep a finished process alive.
      timer.unref();
    },
    flush() {
      if (since === undefined) return false;
      debounced.cancel();
      options.run();
      return true;
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      since = undefined;
    },
  };
  return debounced;
}
