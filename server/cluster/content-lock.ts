/**
 * The content lock shared by every instance of one hub (issue 13): a Redis key taken with
 * `SET NX PX`, renewed while held, released only by its holder (compare-and-delete), so that one
 * instance at a time pulls from the forge, commits and pushes. Two saves on two instances then
 * happen one after the other: the second is decided on a HEAD that holds the first, and merges or
 * meets the conflict screen, never a rejected push.
 */
import { randomUUID } from 'node:crypto';
import { ServiceUnavailable } from '../errors.ts';

/** The Redis commands the lock uses (a node-redis client). */
export interface LockCommands {
  /** True while the connection is up. */
  readonly isReady: boolean;
  /** `SET key value NX PX ms`. */
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<string | null>;
  /** Runs a Lua script. */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of `createContentLock`. */
export interface ContentLockOptions {
  /** Redis connection that runs commands. */
  redis: LockCommands;
  /** Key of the lock. */
  key?: string;
  /** Expiry: a holder that dies frees the lock after this. */
  ttlMs?: number;
  /** Longest wait for the lock before the write is refused. */
  waitMs?: number;
}

const release = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const renew = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Creates the lock; `run(fn)` holds it around `fn`. */
export function createContentLock({ redis, key = 'gare:contenu:verrou', ttlMs = 15_000, waitMs = 30_000 }: ContentLockOptions) {
  let warned = false;
  return {
    /**
     * Runs `fn` while holding the lock. With Redis away, runs `fn` without it (the push may then
     * be refused and is merged by the next forge round) and says so once in the log.
     */
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (!redis.isReady) {
        if (!warned) console.error('[contenu] Redis injoignable : les enregistrements ne sont plus coordonnés entre instances ; les envois refusés par la forge seront fusionnés au tour suivant.');
        warned = true;
        return fn();
      }
      warned = false;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        const taken = await redis.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }).catch(() => 'OK-without-redis');
        if (taken === 'OK-without-redis') return fn();
        if (taken === 'OK') break;
        if (Date.now() > deadline) throw new ServiceUnavailable('Une autre instance enregistre depuis longtemps : réessayez dans un instant, votre texte est gardé dans l’éditeur.');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10 * 2 ** Math.min(attempt, 4), 150) + Math.random() * 10));
      }
      const keep = setInterval(() => void redis.eval(renew, { keys: [key], arguments: [token, String(ttlMs)] }).catch(() => undefined), ttlMs / 3);
      try {
        return await fn();
      } finally {
        clearInterval(keep);
        await redis.eval(release, { keys: [key], arguments: [token] }).catch(() => undefined);
      }
    },
  };
}

/** The content lock. */
export type ContentLock = ReturnType<typeof createContentLock>;
