/**
 * The hub's webhooks: listens to the event bus, queues one delivery per hook for what its owner
 * may read (through the owner's reader), and sends what is due — at once after an event, and on
 * a timer for retries and for what a restart left waiting. Nothing here runs inside a save: the
 * bus does not wait for listeners, and sending happens after the queueing returns.
 */
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../access/viewer.ts';
import type { HubEventMap, HubEvents } from '../events/hub-events.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Sql } from '../store/sql.ts';
import { createCoalescing } from '../util/serial.ts';
import { createDeliveryStore, type DueDelivery } from './delivery-store.ts';
import { commentPayload, padPublishedPayload, pageSavedPayload, proposalPayload, type Payload, type PayloadOptions } from './webhook-payloads.ts';
import type { WebhookEvent } from './webhook-schemas.ts';
import { attemptDelivery, nextAttemptAt } from './webhook-sender.ts';
import { createWebhookStore } from './webhook-store.ts';
import { claimChanges, type WorkClaims } from '../cluster/work-claims.ts';

/** Options of `createWebhooks`. */
export interface WebhooksOptions {
  /** The accounts store (tables webhooks, webhook_deliveries). */
  sql: Sql;
  /** Clock (epoch ms): tests move it forward to reach retries. */
  now: () => number;
  /** The hub's event bus. */
  events: HubEvents;
  /** The viewer a person would be now; undefined when deactivated. */
  viewerOf: (personId: string) => Promise<Viewer | undefined>;
  /** The one read side scoped to a viewer. */
  forViewer: (viewer: Viewer) => WikiReader;
  /** `GARE_PUBLIC_URL`, to give absolute addresses. */
  publicUrl: string | undefined;
  /** How often waiting deliveries are looked at (ms); 30 s by default. */
  intervalMs?: number;
  /** Several instances: each page change is sent by the instance that claims it (`server/cluster/work-claims.ts`). */
  claims?: WorkClaims | undefined;
}

/** How long the delivery log keeps what is delivered or failed. */
export const logKeptMs = 30 * 24 * 3_600_000;

type Build<E> = (options: PayloadOptions<E>) => Payload | undefined | Promise<Payload | undefined>;

/** Creates the webhooks of the hub (`hub.webhooks`) and starts listening and sending. */
export function createWebhooks({ sql, now, events, viewerOf, forViewer, publicUrl, intervalMs = 30_000, claims }: WebhooksOptions) {
  const hooks = createWebhookStore({ sql, now });
  const deliveries = createDeliveryStore({ sql, now });
  const working = new Set<Promise<unknown>>();
  let closed = false;

  const track = (work: Promise<unknown>): void => {
    const done = work.catch((error: unknown) => console.error('[webhooks]', error)).finally(() => working.delete(done));
    working.add(done);
  };

  /** Queues `event` for every hook subscribed whose owner may read what `items` are about. */
  async function queue<E>(event: WebhookEvent, items: readonly E[], build: Build<E>): Promise<void> {
    let queued = 0;
    for (const hook of await hooks.hooksFor(event)) {
      const viewer = await viewerOf(hook.ownerId);
      if (viewer === undefined) continue;
      const reader = forViewer(viewer);
      for (const item of items) {
        const payload = await build({ event: item, reader, base: publicUrl, head: { id: randomUUID(), timestamp: new Date(now()).toISOString() } });
        if (payload === undefined) continue;
        await deliveries.enqueue({ webhookId: hook.id, event, payload: JSON.stringify(payload) });
        queued++;
      }
    }
    if (queued > 0) void runDue();
  }

  const listeners = [
    events.on('pages.changed', ({ changes }) => track(claimChanges(claims, 'webhooks', changes).then((mine) => queue('page.saved', mine, pageSavedPayload)))),
    events.on('pad.published', (e: HubEventMap['pad.published']) => track(queue('pad.published', [e], padPublishedPayload))),
    events.on('comment.created', (e: HubEventMap['comment.created']) => track(queue('comment.created', [e], commentPayload))),
    events.on('proposal.created', (e: HubEventMap['proposal.created']) => track(queue('proposal.created', [e], proposalPayload))),
  ];

  /** Whether the owner may still read the page a waiting delivery names (a page made private since is not told). */
  async function stillReadable(delivery: DueDelivery): Promise<string | undefined> {
    const viewer = await viewerOf(delivery.hook.ownerId);
    if (viewer === undefined) return 'Le compte propriétaire du webhook est désactivé : rien n’est envoyé.';
    const payload = JSON.parse(delivery.payload) as { change?: string; page?: { path?: string } };
    const path = payload.page?.path;
    if (path !== undefined && payload.change !== 'removed' && forViewer(viewer).pageAt(path) === undefined) return 'La page n’est plus lisible par le propriétaire du webhook (ou n’existe plus) : rien n’est envoyé.';
    return undefined;
  }

  async function send(delivery: DueDelivery): Promise<void> {
    // Every instance looks at the waiting deliveries: one sends each attempt (another may take it
    // over after five minutes if that one died before recording it).
    if (claims && !(await claims.claim(`webhook:${delivery.id}:${delivery.attempts}`, 5 * 60_000))) return;
    const refused = await stillReadable(delivery);
    if (refused !== undefined) return deliveries.recordAttempt({ id: delivery.id, delivered: false, error: refused });
    const outcome = await attemptDelivery({ delivery, now: now() });
    const retryAt = outcome.delivered ? undefined : nextAttemptAt(delivery.attempts + 1, now());
    await deliveries.recordAttempt({ id: delivery.id, ...outcome, retryAt });
  }

  // Batches until nothing is due; a delivery is tried at most once per run.
  const runs = createCoalescing(async () => {
    const tried = new Set<number>();
    for (;;) {
      const due = closed ? [] : (await deliveries.due()).filter((d) => !tried.has(d.id));
      if (due.length === 0) return;
      due.forEach((d) => tried.add(d.id));
      await Promise.all(due.map(send));
    }
  });
  function runDue(): Promise<void> {
    const run = runs.run();
    track(run);
    return run;
  }

  const prune = (): Promise<number> => deliveries.prune(now() - logKeptMs);
  const timer = setInterval(() => {
    track(prune());
    void runDue();
  }, intervalMs);
  timer.unref();
  // What a previous run of the hub left waiting (a restart resumes it).
  void runDue();

  return {
    ...hooks,
    listDeliveries: deliveries.listDeliveries,
    /** « Renvoyer »: a failed delivery is queued again and sent at once. */
    async redeliver(input: { webhookId: string; deliveryId: number; by: string }) {
      const delivery = await deliveries.redeliver(input);
      void runDue();
      return delivery;
    },
    /** Forgets what was delivered or failed more than 30 days ago (the timer calls it); returns how many lines went. */
    prune,
    /** Sends every delivery due now (the timer calls it; tests call it after moving the clock). */
    runDue,
    /** Resolves once every event heard is queued and every send started is over. */
    async idle(): Promise<void> {
      while (working.size > 0) await Promise.all([...working]);
    },
    /** Stops listening and the timer, and waits for sends under way (the hub's close). */
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      listeners.forEach((stop) => stop());
      while (working.size > 0) await Promise.all([...working]);
    },
  };
}

/** The hub's webhooks. */
export type Webhooks = ReturnType<typeof createWebhooks>;
