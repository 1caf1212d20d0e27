/**
 * The forge's branch tip as the instances last pushed it, kept in Redis (issue 13). Only the
 * holder of the content lock pushes, and it records the tip before letting go, so a writer that
 * already holds that commit can skip the pull that would only confirm it — two round trips to the
 * forge saved on every save. A stale record (an instance that died between its push and the
 * record, a push made outside the hub) is caught by the push itself: refused, then merged and sent
 * again (`shared-writes.ts`).
 */

/** The Redis commands the record needs (a node-redis client). */
export interface ForgeHeadCommands {
  /** True while the connection is up. */
  readonly isReady: boolean;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `SET key value`. */
  set(key: string, value: string): Promise<unknown>;
}

/** Creates the record; any Redis failure reads as « unknown », which makes the writer pull as before. */
export function createForgeHead({ redis, key = 'gare:contenu:tete' }: { redis: ForgeHeadCommands; key?: string }) {
  return {
    /** The tip last pushed by an instance, if Redis knows it. */
    async get(): Promise<string | undefined> {
      if (!redis.isReady) return undefined;
      const value = await redis.get(key).catch(() => null);
      return value !== null && /^[0-9a-f]{40}$/.test(value) ? value : undefined;
    },
    /** Records the tip just pushed (before the lock is let go). */
    async set(head: string): Promise<void> {
      if (redis.isReady) await redis.set(key, head).catch(() => undefined);
    },
  };
}

/** The record of the forge's tip. */
export type ForgeHead = ReturnType<typeof createForgeHead>;
