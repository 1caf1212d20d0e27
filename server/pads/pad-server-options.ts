/** What createPadServer takes, and the pad as the pad list shows it. */
import type { SqlStore } from '../store/sql.ts';
import type { PadClusterOpener } from './redis-pad-cluster.ts';
import type { PadHooks } from './pad-hooks.ts';
import type { PadLimits } from './pad-limits.ts';
import type { PadMeta, PadUser } from './pad-meta-store.ts';

/** Options of createPadServer. */
export interface PadServerOptions {
  /** Data directory of the embedded store `${dir}/pads.sqlite`, used when `store` is not given. */
  dir?: string;
  /** The hub's SQL store (PostgreSQL for several instances); its owner closes it. */
  store?: SqlStore;
  /**
   * Updates and presence shared with the other instances through Redis (`redisPadCluster(…)`).
   * Given by the caller, so that a hub without Redis never loads the Redis client.
   */
  cluster?: PadClusterOpener | undefined;
  /** Authentication and lifecycle hooks. */
  hooks: PadHooks;
  /** Overrides of defaultPadLimits. */
  limits?: Partial<PadLimits>;
  /** Clock, ms since epoch. */
  now?: () => number;
  /** Quiet time before the debounced store (touch, compaction, afterStore); default 200 ms. */
  storeDebounceMs?: number;
  /** Longest a change waits for the debounced store; default 1000 ms. */
  storeMaxWaitMs?: number;
  /** A pad nobody uses for this long is stored, compacted and unloaded from memory; default 60 s. */
  idleUnloadMs?: number;
  /** Interval of the liveness pings; default 30 s. */
  pingIntervalMs?: number;
  /** URL prefix of the WebSocket endpoint; default `/yjs`. */
  basePath?: string;
}

/** A pad as the pad list shows it. */
export interface PadSummary extends PadMeta {
  /** People connected now (authenticated names, with the colour their cursor shows). */
  present: { name: string; color?: string }[];
  /** Everyone who wrote at least once. */
  contributors: PadUser[];
}
