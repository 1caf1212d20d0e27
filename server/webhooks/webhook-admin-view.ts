/**
 * What the admin page of webhooks reads: the hooks (never a secret) and one page of a hook's
 * delivery log. Reached only through `reader.administration()`, which checks `people.manage`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { createDeliveryStore, type Delivery } from './delivery-store.ts';
import { createWebhookStore, type WebhookSummary } from './webhook-store.ts';

/** The webhooks part of the admin's reads. */
export interface WebhookAdminView {
  /** Every webhook with its delivery counts, oldest first. */
  list(): WebhookSummary[];
  /** One page of a hook's log, newest first (empty for an unknown hook). */
  deliveries(query: { webhookId: string; page?: number | undefined; size: number }): { items: Delivery[]; total: number };
}

/** The view over the accounts database; empty when the store has none (tests of the reader alone). */
export function webhookAdminView(db: DatabaseSync | undefined): WebhookAdminView {
  if (db === undefined) return { list: () => [], deliveries: () => ({ items: [], total: 0 }) };
  const hooks = createWebhookStore({ db, now: Date.now });
  const log = createDeliveryStore({ db, now: Date.now });
  return {
    list: () => hooks.listWebhooks(),
    deliveries: ({ webhookId, page, size }) => log.listDeliveries({ webhookId, size, ...(page === undefined ? {} : { page }) }),
  };
}
