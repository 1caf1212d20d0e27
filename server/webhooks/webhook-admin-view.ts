/**
 * What the admin page of webhooks reads: the hooks (never a secret) and one page of a hook's
 * delivery log. Reached only through `reader.administration()`, which checks `people.manage`.
 */
import type { Sql } from '../store/sql.ts';
import { createDeliveryStore, type Delivery } from './delivery-store.ts';
import { createWebhookStore, type WebhookSummary } from './webhook-store.ts';

/** The webhooks part of the admin's reads. */
export interface WebhookAdminView {
  /** Every webhook with its delivery counts, oldest first. */
  list(): Promise<WebhookSummary[]>;
  /** One page of a hook's log, newest first (empty for an unknown hook). */
  deliveries(query: { webhookId: string; page?: number | undefined; size: number }): Promise<{ items: Delivery[]; total: number }>;
}

/** The view over the accounts store; empty when there is none (tests of the reader alone). */
export function webhookAdminView(sql: Sql | undefined): WebhookAdminView {
  if (sql === undefined) return { list: async () => [], deliveries: async () => ({ items: [], total: 0 }) };
  const hooks = createWebhookStore({ sql, now: Date.now });
  const log = createDeliveryStore({ sql, now: Date.now });
  return {
    list: () => hooks.listWebhooks(),
    deliveries: ({ webhookId, page, size }) => log.listDeliveries({ webhookId, size, ...(page === undefined ? {} : { page }) }),
  };
}
