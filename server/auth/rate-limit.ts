/** Sliding-window attempt counter, in memory, for login brute-force protection. */

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Attempts allowed per key in any window. */
  max: number;
  /** Window length in ms. */
  windowMs: number;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Keys kept before old ones are swept; bounds memory under a flood of distinct keys. */
  maxKeys?: number;
}

/** Verdict of the limiter. */
export interface RateVerdict {
  /** True when this attempt is within the limit. */
  allowed: boolean;
  /** When refused, how long until one more attempt is allowed (ms); 0 when allowed. */
  retryAfterMs: number;
}

/** Creates a limiter: `hit` counts an attempt, `check` only looks, `forgive` cancels the last one, `reset` clears a key. */
export function createRateLimiter({ max, windowMs, now = Date.now, maxKeys = 100_000 }: RateLimiterOptions) {
  const attempts = new Map<string, number[]>();

  function recent(key: string, t: number): number[] {
    const list = (attempts.get(key) ?? []).filter((at) => at > t - windowMs);
    if (list.length === 0) attempts.delete(key);
    else attempts.set(key, list);
    return list;
  }

  function verdict(list: readonly number[], t: number): RateVerdict {
    if (list.length < max) return { allowed: true, retryAfterMs: 0 };
    const oldest = list[list.length - max] ?? t;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - t) };
  }

  function sweep(t: number): void {
    for (const key of attempts.keys()) recent(key, t);
    // Still too many live keys: drop the oldest-inserted ones rather than grow without bound.
    for (const key of attempts.keys()) {
      if (attempts.size <= maxKeys) break;
      attempts.delete(key);
    }
  }

  return {
    /** Counts an attempt for `key` and says whether it is allowed; refused attempts are not counted. */
    hit(key: string): RateVerdict {
      const t = now();
      const list = recent(key, t);
      const result = verdict(list, t);
      if (result.allowed) {
        if (!attempts.has(key) && attempts.size >= maxKeys) sweep(t);
        attempts.set(key, [...list, t]);
      }
      return result;
    },
    /** Says whether one more attempt would be allowed, without counting it. */
    check(key: string): RateVerdict {
      const t = now();
      return verdict(recent(key, t), t);
    },
    /** Cancels the last counted attempt of `key` (it turned out to be a success). */
    forgive(key: string): void {
      const list = attempts.get(key);
      list?.pop();
      if (list?.length === 0) attempts.delete(key);
    },
    /** Forgets every attempt of `key`. */
    reset(key: string): void {
      attempts.delete(key);
    },
  };
}

/** A rate limiter. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
