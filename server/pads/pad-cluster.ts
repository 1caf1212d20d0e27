/** What a pad needs from the other instances of the hub when there are several (Redis, `redis-pad-cluster.ts`). */

/** The other instances, as one pad sees them. */
export interface PadCluster {
  /** Tells the other instances about an update, once it is stored. */
  publishUpdate(pad: string, update: Uint8Array): void;
  /** Tells them about a change in the presence of this instance's connections. */
  publishAwareness(pad: string, update: Uint8Array): void;
  /** Runs `compact` unless another instance is compacting the same pad right now. */
  compactOnce(pad: string, compact: () => Promise<void>): Promise<void>;
}
