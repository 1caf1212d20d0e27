/**
 * The two Redis connections an instance shares between pads and content (one publishes and locks,
 * one listens: a listening connection runs no other command), with what happens when Redis goes
 * away and comes back: the clients reconnect by themselves, a French line is logged each way, and
 * the `onRecover` callbacks run once both are back after an outage.
 */
import { createClient } from 'redis';

/** Options of openRedisLink. */
export interface RedisLinkOptions {
  /** `redis://[:password@]host:port[/db]`. */
  url: string;
}

// Waits at most 2 s between attempts: a restarted Redis is used again within seconds.
const socket = { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 2000 };
/** One connection; without `queue`, a command sent while Redis is away fails at once instead of piling up in memory. */
const newClient = (url: string, queue: boolean) => createClient({ url, socket, disableOfflineQueue: !queue });
/** A Redis connection. */
export type RedisClient = ReturnType<typeof newClient>;

/** The open connections. */
export interface RedisLink {
  /** Publishes, sets and releases locks. */
  readonly commands: RedisClient;
  /** Subscribed to the pads' channels. */
  readonly listener: RedisClient;
  /** True while both connections are up. */
  readonly up: boolean;
  /** Adds a callback run once both connections are back after Redis was away (resync what was missed). */
  onRecover(callback: () => Promise<void>): void;
  /** Notes that a message could not be sent: the recovery callbacks will run once Redis answers. */
  missed(): void;
  /** Resolves once both connections are up, or Redis was found away (the pads then work alone). */
  readonly started: Promise<void>;
  /** Closes both connections. */
  close(): Promise<void>;
}

/** Where Redis is, without its password, for log lines. */
const safeUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'adresse invalide';
  }
};

/** Opens both connections; they keep trying while Redis is away. */
export function openRedisLink({ url }: RedisLinkOptions): RedisLink {
  const where = safeUrl(url);
  const commands = newClient(url, false);
  // The listener keeps its queue: its subscription, asked before it is connected, waits for it.
  const listener = newClient(url, true);
  let down = false;
  let closing = false;
  let recovering: Promise<void> | undefined;
  const recoveries: (() => Promise<void>)[] = [];
  const onRecover = async (): Promise<void> => {
    for (const recover of recoveries) await recover();
  };

  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const lost = (error?: unknown): void => {
    markStarted();
    if (closing || down) return;
    down = true;
    const why = error instanceof Error ? ` (${error.message})` : '';
    console.error(`[redis] Redis injoignable à ${where}${why} : chaque instance sert ses propres connexions aux pads et les enregistrements ne sont plus annoncés ; tout se resynchronise au retour de Redis.`);
  };
  const ready = (): void => {
    if (commands.isReady && listener.isReady) markStarted();
    if (!down || closing || !commands.isReady || !listener.isReady || recovering) return;
    recovering = onRecover()
      .then(() => {
        down = false;
        console.error(`[redis] Redis de retour à ${where} : pads et contenu resynchronisés.`);
      })
      .catch((error: unknown) => console.error('[redis] resynchronisation après le retour de Redis impossible :', error))
      .finally(() => {
        recovering = undefined;
        // Lost again during the resync, or the resync failed: try again on the next ready.
        if (down && commands.isReady && listener.isReady) ready();
      });
  };
  for (const client of [commands, listener]) {
    // Without an 'error' listener, node-redis would throw and end the process.
    client.on('error', (error: unknown) => lost(error));
    client.on('reconnecting', () => lost());
    client.on('ready', ready);
  }
  // connect() settles only once connected (it keeps retrying): `started` does not wait for it.
  for (const client of [commands, listener]) client.connect().catch((error: unknown) => lost(error));

  return {
    commands,
    listener,
    get up() {
      return !down && commands.isReady && listener.isReady;
    },
    missed() {
      lost();
      // Still connected (the failure was a blip): recover now rather than on a 'ready' that may never come.
      queueMicrotask(ready);
    },
    started,
    onRecover(callback) {
      recoveries.push(callback);
    },
    async close() {
      closing = true;
      await Promise.allSettled([recovering]);
      for (const client of [commands, listener]) {
        // A connection still retrying has nothing to finish: close() would wait for Redis.
        if (client.isReady) await client.close().catch(() => client.destroy());
        else if (client.isOpen) client.destroy();
      }
    },
  };
}
