/**
 * The hub's daily round (digest and action reminders) at a set local hour, and a shorter round
 * retrying failed e-mails. Timers are unref'd and stopped by `stop()` (the hub's close), so a
 * test or a shutdown never waits for them.
 */

/** Milliseconds from `at` to the next `hour`:00 local time (tomorrow's when that hour has passed). */
export function msUntilHour(at: number, hour: number): number {
  const next = new Date(at);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= at) next.setDate(next.getDate() + 1);
  return next.getTime() - at;
}

/** Options of startDailyTimer. */
export interface DailyTimerOptions {
  /** Local hour (0–23) of the daily round. */
  hour: number;
  /** The daily round; its failures are logged. */
  daily: () => Promise<unknown>;
  /** The retry round, if any, run every `retryEveryMs`. */
  retry?: (() => Promise<unknown>) | undefined;
  /** Milliseconds between two retry rounds. */
  retryEveryMs: number;
  /** Clock (epoch ms). */
  now: () => number;
}

/** Starts the timers; returns `stop`. */
export function startDailyTimer({ hour, daily, retry, retryEveryMs, now }: DailyTimerOptions): { stop(): void } {
  let timeout: NodeJS.Timeout | undefined;
  let stopped = false;
  const log = (error: unknown) => console.error('[tâches quotidiennes]', error);
  const schedule = () => {
    if (stopped) return;
    // Re-armed from the clock after each round: a round that ran late does not shift the next day.
    timeout = setTimeout(() => void daily().catch(log).finally(schedule), msUntilHour(now(), hour));
    timeout.unref();
  };
  schedule();
  const interval = retry && setInterval(() => void retry().catch(log), retryEveryMs);
  interval?.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timeout);
      clearInterval(interval);
    },
  };
}
