/**
 * Announcements of new commits between the instances of one hub (issue 13): after a push, the
 * instance publishes the new HEAD on a Redis channel; the others fetch from the forge at once
 * instead of waiting for their next scheduled round, so a page saved on A is served by B within
 * a second. Messages are checked: anything else on the channel is ignored.
 */
import { z } from 'zod';

/** What travels on the channel. */
const AnnounceSchema = z.object({
  /** Instance that pushed (an instance ignores its own messages). */
  from: z.string().min(1).max(100),
  /** Commit now at the tip of the forge's branch. */
  head: z.string().regex(/^[0-9a-f]{40}$/),
  /** True when proposal branches changed on the forge too. */
  branches: z.boolean().optional(),
});

/** The Redis side the announcements need (node-redis clients). */
export interface AnnounceLink {
  /** Publishes (a connection that runs commands). */
  publish(channel: string, message: string): Promise<unknown>;
  /** Subscribes (a connection dedicated to listening). */
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  /** Unsubscribes. */
  unsubscribe(channel: string): Promise<unknown>;
}

/** Options of `createContentAnnounce`. */
export interface ContentAnnounceOptions {
  /** Connection that publishes. */
  publisher: Pick<AnnounceLink, 'publish'>;
  /** Connection that listens. */
  listener: Pick<AnnounceLink, 'subscribe' | 'unsubscribe'>;
  /** This instance's id. */
  instance: string;
  /** Called for every commit another instance pushed (`branches`: its proposal branches changed too). */
  onRemoteHead: (head: string, branches: boolean) => void;
  /** Channel name. */
  channel?: string;
}

/** Creates the announcer: `told(head)` after a push; `close()` stops listening. */
export function createContentAnnounce({ publisher, listener, instance, onRemoteHead, channel = 'gare:contenu' }: ContentAnnounceOptions) {
  const listening = listener
    .subscribe(channel, (message) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      const announce = AnnounceSchema.safeParse(parsed);
      if (announce.success && announce.data.from !== instance) onRemoteHead(announce.data.head, announce.data.branches === true);
    })
    .catch((error: unknown) => console.error('[contenu] abonnement aux annonces impossible :', error));
  return {
    /** Resolves once the subscription is asked. */
    listening,
    /** Tells the other instances that `head` (and, if said, changed proposal branches) is on the forge; a lost message is caught up by the scheduled round. */
    async told(head: string, branches = false): Promise<void> {
      await publisher.publish(channel, JSON.stringify({ from: instance, head, ...(branches ? { branches } : {}) })).catch(() => undefined);
    },
    /** Stops listening. */
    async close(): Promise<void> {
      await listener.unsubscribe(channel).catch(() => undefined);
    },
  };
}

/** The announcer. */
export type ContentAnnounce = ReturnType<typeof createContentAnnounce>;
