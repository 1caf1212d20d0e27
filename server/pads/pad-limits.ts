/** Limits that keep one connection from hurting the server or the other editors. */

/** Per-connection and per-pad limits (all optional in options, defaults below). */
export interface PadLimits {
  /** Largest WebSocket message accepted, in bytes; larger closes the connection with 1009. */
  maxMessageBytes: number;
  /** Sustained messages per second per connection. */
  messagesPerSecond: number;
  /** Messages a connection may send at once before the sustained rate applies. */
  messageBurst: number;
  /** Sustained bytes per second per connection (a paste of a large text is one burst). */
  bytesPerSecond: number;
  /** Bytes a connection may send at once. */
  byteBurst: number;
  /** Awareness client ids one connection may announce (one per browser tab, a few spare). */
  maxAwarenessClientsPerConnection: number;
  /** Bytes waiting to be sent to a slow client before it is disconnected (it will resync). */
  maxBufferedBytes: number;
  /** Update rows of one pad after which the store compacts them into one snapshot. */
  compactAfterRows: number;
  /** Largest clock (characters ever typed by one client) an update may mention: beyond is hostile. */
  maxClock: number;
  /** Most structs one update may carry. */
  maxStructsPerUpdate: number;
}

/** Defaults chosen for meetings of a few dozen people typing by hand. */
export const defaultPadLimits: PadLimits = {
  maxMessageBytes: 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 200,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 4 * 1024 * 1024,
  maxAwarenessClientsPerConnection: 8,
  maxBufferedBytes: 16 * 1024 * 1024,
  compactAfterRows: 500,
  maxClock: 2 ** 32,
  maxStructsPerUpdate: 200_000,
};

/** A token bucket: `take` spends tokens and answers false once the bucket is empty. */
export interface TokenBucket {
  /** Spends `amount` tokens; false when not enough are left (the caller refuses the work). */
  take(amount: number): boolean;
}

/** Creates a token bucket that holds `burst` tokens and refills `perSecond` tokens each second. */
export function createTokenBucket(options: { perSecond: number; burst: number; now: () => number }): TokenBucket {
  const { perSecond, burst, now } = options;
  let tokens = burst;
  let last = now();
  return {
    take(amount) {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < amount) return false;
      tokens -= amount;
      return true;
    },
  };
}
