/**
 * Sliding-window attempt counter for login brute-force protection, kept in the accounts store so
 * that every instance behind a load balancer counts the same attempts: one row per attempt, keys
 * hashed (the table holds no e-mail or address in clear), rows older than the window pruned.
 */
import { createHash } from 'node:crypto';
import type { Sql } from '../store/sql.ts';

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  /** The accounts store (table `login_attempts`). */
  sql: Sql;
  /** Which counter (`account`, `ip`): limiters with different windows share the table. */
  scope: string;
  /** Attempts allowed per key in any window. */
  max: number;
  /** Window length in ms. */
  windowMs: number;
  /** Clock (epoch ms). */
  now?: () => number;
}

/** Verdict of the limiter. */
export interface RateVerdict {
  /** True when this attempt is within the limit. */
  allowed: boolean;
  /** When refused, how long until one more attempt is allowed (ms); 0 when allowed. */
  retryAfterMs: number;
}

// Old rows are deleted at most this often per limiter: a burst of attempts costs one prune.
const pruneEveryMs = 60_000;

const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('base64url');

/**
 * Creates a limiter: `hit` counts an attempt, `check` only looks, `forgive` cancels the last one,
 * `reset` clears a key. `hit` and `check` take the transaction they belong to, if any (`on`), so a
 * caller can check one counter and count another atomically.
 */
export function createRateLimiter({ sql, scope, max, windowMs, now = Date.now }: RateLimiterOptions) {
  let prunedAt = -Infinity;

  async function recent(on: Sql, key: string, t: number): Promise<number[]> {
    const rows = await on.all<{ at: number }>('SELECT at FROM login_attempts WHERE scope = ? AND key = ? AND at > ? ORDER BY at, id', [scope, key, t - windowMs]);
    return rows.map((r) => Number(r.at));
  }

  function verdict(list: readonly number[], t: number): RateVerdict {
    if (list.length < max) return { allowed: true, retryAfterMs: 0 };
    const oldest = list[list.length - max] ?? t;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - t) };
  }

  return {
    /** Counts an attempt for `key` and says whether it is allowed; refused attempts are not counted. */
    async hit(key: string, on: Sql = sql): Promise<RateVerdict> {
      const t = now();
      const hashed = hashKey(key);
      const result = await on.transaction(async (tx) => {
        const counted = verdict(await recent(tx, hashed, t), t);
        if (counted.allowed) await tx.run('INSERT INTO login_attempts (scope, key, at) VALUES (?, ?, ?)', [scope, hashed, t]);
        return counted;
      });
      if (t - prunedAt >= pruneEveryMs) {
        prunedAt = t;
        await on.run('DELETE FROM login_attempts WHERE scope = ? AND at <= ?', [scope, t - windowMs]);
      }
      return result;
    },
    /** Says whether one more attempt would be allowed, without counting it. */
    async check(key: string, on: Sql = sql): Promise<RateVerdict> {
      const t = now();
      return verdict(await recent(on, hashKey(key), t), t);
    },
    /** Cancels the last counted attempt of `key` (it turned out to be a success). */
    async forgive(key: string): Promise<void> {
      await sql.run('DELETE FROM login_attempts WHERE id = (SELECT id FROM login_attempts WHERE scope = ? AND key = ? ORDER BY at DESC, id DESC LIMIT 1)', [scope, hashKey(key)]);
    },
    /** Forgets every attempt of `key`. */
    async reset(key: string): Promise<void> {
      await sql.run('DELETE FROM login_attempts WHERE scope = ? AND key = ?', [scope, hashKey(key)]);
    },
  };
}

/** A rate limiter. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
