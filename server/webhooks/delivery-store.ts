/**
 * The delivery log of webhooks (table webhook_deliveries): each event heard becomes one row per
 * hook, kept `pending` with the time of its next attempt until it is delivered or has failed for
 * good. Rows are the queue itself, so a restart resumes whatever was waiting.
 */
import { requireActiveAdmin } from '../auth/account-db.ts';
import { parseInput } from '../auth/parse-input.ts';
import { DeliveryNotRetryable, ListDeliveriesSchema, WebhookActionSchema, WebhookNotFound, type WebhookEvent } from './webhook-schemas.ts';
import type { Sql } from '../store/sql.ts';
import type { WebhookTarget } from './webhook-store.ts';

/** One delivery as the log shows it. */
export interface Delivery {
  /** Row id. */
  id: number;
  /** The hook. */
  webhookId: string;
  /** Event sent. */
  event: WebhookEvent;
  /** Where it stands. */
  status: 'pending' | 'delivered' | 'failed';
  /** Attempts made so far. */
  attempts: number;
  /** Epoch ms of the next attempt (pending only). */
  nextAttemptAt: number | undefined;
  /** HTTP status of the last answer, if one came. */
  lastStatus: number | undefined;
  /** What went wrong last, in French. */
  lastError: string | undefined;
  /** Epoch ms the event was heard. */
  createdAt: number;
  /** Epoch ms it was received. */
  deliveredAt: number | undefined;
  /** The JSON body sent (its `id` is the X-Gare-Delivery header). */
  payload: string;
}

/** A due delivery with its hook, ready to send. */
export type DueDelivery = Delivery & { hook: WebhookTarget };

interface DeliveryRow {
  id: number; webhook_id: string; event: WebhookEvent; payload: string; status: Delivery['status']; attempts: number; next_attempt_at: number | null;
  last_status: number | null; last_error: string | null; created_at: number; delivered_at: number | null;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: Number(r.id), webhookId: r.webhook_id, event: r.event, status: r.status, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at ?? undefined,
  lastStatus: r.last_status ?? undefined, lastError: r.last_error ?? undefined, createdAt: r.created_at, deliveredAt: r.delivered_at ?? undefined, payload: r.payload,
});

/** Delivery operations over the accounts store. */
export function createDeliveryStore({ sql, now }: { sql: Sql; now: () => number }) {
  return {
    /** Queues a delivery, due now. */
    async enqueue(input: { webhookId: string; event: WebhookEvent; payload: string }): Promise<number> {
      const at = now();
      const row = await sql.get<{ id: number }>(
        "INSERT INTO webhook_deliveries (webhook_id, event, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?) RETURNING id",
        [input.webhookId, input.event, input.payload, at, at],
      );
      return Number(row?.id);
    },

    /** Pending deliveries of active hooks whose time has come, oldest first. */
    async due(limit = 50): Promise<DueDelivery[]> {
      const rows = await sql.all<DeliveryRow & { url: string; secret: string; owner_id: string }>(
        "SELECT d.*, w.url, w.secret, w.owner_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 'pending' AND w.active = 1 AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
        [now(), limit],
      );
      return rows.map((r) => ({ ...toDelivery(r), hook: { id: r.webhook_id, url: r.url, secret: r.secret, ownerId: r.owner_id } }));
    },

    /** Records an attempt: delivered, to retry at `retryAt`, or failed for good (no `retryAt`). */
    async recordAttempt(input: { id: number; delivered: boolean; status?: number | undefined; error?: string | undefined; retryAt?: number | undefined }): Promise<void> {
      const status = input.delivered ? 'delivered' : input.retryAt === undefined ? 'failed' : 'pending';
      await sql.run('UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?', [
        status, status === 'pending' ? (input.retryAt ?? null) : null, input.status ?? null, input.error?.slice(0, 500) ?? null, input.delivered ? now() : null, input.id,
      ]);
    },

    /** One page of a hook's log, newest first, and how many lines it has. */
    async listDeliveries(input: { webhookId: string; page?: number; size?: number }): Promise<{ items: Delivery[]; total: number }> {
      const { webhookId, page, size } = parseInput(ListDeliveriesSchema, input);
      const rows = await sql.all<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ? OFFSET ?', [webhookId, size, (page - 1) * size]);
      const total = Number((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ?', [webhookId]))?.n ?? 0);
      return { items: rows.map(toDelivery), total };
    },

    /** Forgets delivered and failed deliveries heard before `before` (epoch ms): the log keeps a month, not forever. */
    async prune(before: number): Promise<number> {
      return (await sql.run("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?", [before])).changes;
    },

    /** « Renvoyer »: a failed delivery is queued again, due now, with a fresh series of attempts. */
    redeliver(input: { webhookId: string; deliveryId: number; by: string }): Promise<Delivery> {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const row = await tx.get<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ? AND webhook_id = ?', [input.deliveryId, webhookId]);
        if (row === undefined) throw new WebhookNotFound('Envoi introuvable : le webhook a peut-être été supprimé. Rechargez la page.');
        if (row.status !== 'failed') throw new DeliveryNotRetryable('Seul un envoi en échec peut être renvoyé ; celui-ci est déjà reçu ou encore en attente.');
        await tx.run("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?", [now(), row.id]);
        return toDelivery({ ...row, status: 'pending', attempts: 0, next_attempt_at: now() });
      });
    },
  };
}

/** The delivery operations. */
export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
