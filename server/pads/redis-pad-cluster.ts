/**
 * Pads across instances over Redis (GARE_REDIS_URL): updates and presence published between the
 * instances, compaction by one instance at a time.
 *
 * Why this design. y-redis makes a Redis stream the first home of every update and has a worker
 * persist it later, with servers keeping no Y.Doc; our rule is that an update is acknowledged only
 * once it is in the shared database, and our server keeps a Y.Doc per pad (guards, presence
 * ownership, text for publishing), so we follow Hocuspocus's Redis extension instead: each
 * instance keeps its documents, a pub/sub channel per pad carries messages tagged with the sending
 * instance (its own are ignored), presence is relayed and asked for when a pad loads, and a lock
 * with an expiry lets one instance at a time store (here: compact) a pad. Three differences:
 * - we publish the stored update itself, not a SyncStep1 on every change that each peer answers;
 * - a lost message is repaired from the database, where every update is a row: after an outage
 *   every instance reloads its pads and tells the others to reload theirs;
 * - one pattern subscription (`gare:pads:*`) rather than one per pad: nothing published between a
 *   pad's load and its subscription is missed, and a town hall's few instances and pads make it
 *   cheap for every instance to hear every pad. The lock is a plain SET NX PX: one Redis, no quorum.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { remoteOrigin } from './pad-doc.ts';
import { openRedisLink, type RedisLink } from '../cluster/redis-link.ts';
import type { PadCluster } from './pad-cluster.ts';
import type { PadRegistry } from './pad-registry.ts';

/** Options of createRedisPadCluster. */
export interface RedisPadClusterOptions {
  /** The instance's Redis connections (shared with the content), or GARE_REDIS_URL to open our own. */
  redis: RedisLink | string;
  /** The loaded pads of this instance (set once the registry exists). */
  registry: () => PadRegistry | undefined;
  /** Channel and key prefix; default `gare:pads`. */
  prefix?: string;
  /** Longest a compaction lock is held if its instance dies; default 30 s. */
  lockMs?: number;
}

/** The Redis side of the pad server. */
export interface RedisPadCluster extends PadCluster {
  /** Asks the others who is in a pad this instance just loaded. */
  joined(pad: string): void;
  /** Resolves once Redis was reached once (or could not be: the pads work alone meanwhile). */
  readonly started: Promise<void>;
  /** Closes the connections. */
  close(): Promise<void>;
}

const kinds = { update: 0, awareness: 1, query: 2, stale: 3 } as const;
const releaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** How the pad server connects to the other instances: given the registry, the cluster (`redisPadCluster`). */
export type PadClusterOpener = (registry: () => PadRegistry | undefined) => RedisPadCluster;

/** The pad server's option for sharing pads over Redis (the hub's connections, or a URL). */
export function redisPadCluster(redis: RedisLink | string): PadClusterOpener {
  return (registry) => createRedisPadCluster({ redis, registry });
}

/** Connects the pad server to Redis. */
export function createRedisPadCluster({ redis, registry, prefix = 'gare:pads', lockMs = 30_000 }: RedisPadClusterOptions): RedisPadCluster {
  const instance = Buffer.from(randomUUID());
  const link = typeof redis === 'string' ? openRedisLink({ url: redis }) : redis;
  link.onRecover(recover);
  const channel = (pad: string): string => `${prefix}:${pad}`;

  const publish = (pad: string, kind: number, payload: Uint8Array = new Uint8Array()): void => {
    const message = Buffer.concat([Buffer.from([kind, instance.length]), instance, payload]);
    if (!link.commands.isReady) return link.missed();
    link.commands.publish(channel(pad), message).catch(() => link.missed());
  };

  /** After an outage: read every loaded pad again, and have the others read theirs. */
  async function recover(): Promise<void> {
    const docs = [...(registry()?.docs.values() ?? [])];
    for (const padDoc of docs) {
      await padDoc.resync();
      publish(padDoc.name, kinds.stale);
      publish(padDoc.name, kinds.query);
      const states = padDoc.presence.localStates();
      if (states) publish(padDoc.name, kinds.awareness, states);
    }
  }

  const receive = (message: Buffer, from: Buffer): void => {
    const kind = message[0];
    const idLength = message[1] ?? 0;
    if (message.subarray(2, 2 + idLength).equals(instance)) return;
    const pad = from.toString().slice(prefix.length + 1);
    const payload = new Uint8Array(message.subarray(2 + idLength));
    const pads = registry();
    const padDoc = pads?.docs.get(pad);
    try {
      if (kind === kinds.update) {
        if (padDoc) padDoc.applyRemoteUpdate(payload);
        else {
          const loading = pads?.loadingDoc(pad);
          if (loading) Y.applyUpdate(loading, payload, remoteOrigin);
        }
      } else if (padDoc === undefined) return;
      else if (kind === kinds.awareness) padDoc.presence.applyRemote(payload);
      else if (kind === kinds.query) {
        const states = padDoc.presence.localStates();
        if (states) publish(pad, kinds.awareness, states);
      } else if (kind === kinds.stale) void padDoc.resync().catch((error: unknown) => console.error(`Pad ${pad}: resync failed`, error));
    } catch (error) {
      console.error(`Pad ${pad}: message from another instance refused`, error);
    }
  };
  let closed = false;
  // Queued while Redis is away; node-redis subscribes again after each reconnection.
  link.listener.pSubscribe(`${prefix}:*`, receive, true).catch((error: unknown) => {
    if (!closed) console.error('[pads] abonnement Redis impossible :', error);
  });

  return {
    publishUpdate: (pad, update) => publish(pad, kinds.update, update),
    publishAwareness: (pad, update) => publish(pad, kinds.awareness, update),
    joined: (pad) => publish(pad, kinds.query),
    async compactOnce(pad, compact) {
      const key = `${prefix}-compactage:${pad}`;
      const token = randomUUID();
      let held = false;
      try {
        held = (await link.commands.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: lockMs } })) === 'OK';
        if (!held) return; // another instance is compacting this pad
      } catch {
        // Redis away: compact anyway; two compactions at once waste work but lose nothing
        // (each deletes only the rows it merged, pad-store.ts).
      }
      try {
        await compact();
      } finally {
        if (held) await link.commands.eval(releaseScript, { keys: [key], arguments: [token] }).catch(() => undefined);
      }
    },
    started: link.started,
    // A shared link is closed by its owner (the hub), after the content's use of it.
    close: async () => {
      closed = true;
      if (typeof redis === 'string') await link.close();
      else await link.listener.pUnsubscribe(`${prefix}:*`).catch(() => undefined);
    },
  };
}
