/**
 * Webhooks set by an admin: where to post, which events, whose reading rights bound what is sent
 * (the owner), on or off, and the HMAC secret. Every change needs an active admin and is written
 * to the audit log in the same transaction. The secret is kept in clear: signing needs it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getPerson, requireActiveAdmin } from '../auth/account-db.ts';
import { recordAudit } from '../auth/audit-log.ts';
import { parseInput } from '../auth/parse-input.ts';
import type { Sql } from '../store/sql.ts';
import { CreateWebhookSchema, WebhookActionSchema, WebhookNotFound, webhookEvents, type WebhookEvent } from './webhook-schemas.ts';

/** A webhook as the admin page lists it (never its secret). */
export interface WebhookSummary {
  /** Stable id. */
  id: string;
  /** Where deliveries are posted. */
  url: string;
  /** Events sent. */
  events: WebhookEvent[];
  /** Account whose reading rights bound what is sent. */
  ownerId: string;
  /** Their name (« compte supprimé » never happens: the hook goes with the account). */
  ownerName: string;
  /** False when an admin switched it off: nothing is queued or sent. */
  active: boolean;
  /** Epoch ms. */
  createdAt: number;
  /** Deliveries waiting, delivered and failed. */
  counts: { pending: number; delivered: number; failed: number };
}

/** What sending needs of a hook: its address, secret and owner. */
export interface WebhookTarget {
  /** Hook id. */
  id: string;
  /** Address. */
  url: string;
  /** HMAC key. */
  secret: string;
  /** Owner's account id. */
  ownerId: string;
}

interface HookRow { id: string; url: string; secret: string; events: string; owner_id: string; owner_name: string; active: number; created_at: number; pending: number; delivered: number; failed: number }

const count = (status: string) => `(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = '${status}') AS ${status}`;
const summarySql = `SELECT w.*, p.name AS owner_name, ${count('pending')}, ${count('delivered')}, ${count('failed')} FROM webhooks w JOIN people p ON p.id = w.owner_id`;

function parseEvents(text: string): WebhookEvent[] {
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? webhookEvents.filter((e) => parsed.includes(e)) : [];
}

const toSummary = (r: HookRow): WebhookSummary => ({
  id: r.id, url: r.url, events: parseEvents(r.events), ownerId: r.owner_id, ownerName: r.owner_name, active: Number(r.active) === 1, createdAt: Number(r.created_at),
  counts: { pending: Number(r.pending), delivered: Number(r.delivered), failed: Number(r.failed) },
});

/** A new HMAC key: 32 random bytes, base64url. */
const newKey = (): string => randomBytes(32).toString('base64url');

/** Webhook operations over the accounts store. */
export function createWebhookStore({ sql, now }: { sql: Sql; now: () => number }) {
  async function getRow(id: string, tx: Sql = sql): Promise<HookRow> {
    const row = await tx.get<HookRow>(`${summarySql} WHERE w.id = ?`, [id]);
    if (row === undefined) throw new WebhookNotFound('Webhook introuvable : il a peut-être été supprimé. Rechargez la liste des webhooks.');
    return row;
  }

  return {
    /** Every webhook, oldest first, with its delivery counts. */
    async listWebhooks(): Promise<WebhookSummary[]> {
      return (await sql.all<HookRow>(`${summarySql} ORDER BY w.created_at, w.id`)).map(toSummary);
    },

    /** One webhook (WebhookNotFound when missing). */
    getWebhook: async (id: string): Promise<WebhookSummary> => toSummary(await getRow(id)),

    /** Creates a webhook; returns it and its secret, which the admin page shows once. */
    createWebhook(input: { url: string; events: readonly string[]; ownerId: string; by: string }): Promise<{ webhook: WebhookSummary; secret: string }> {
      const { url, events, ownerId, by } = parseInput(CreateWebhookSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const owner = await getPerson(tx, ownerId);
        const id = randomUUID();
        const secret = newKey();
        await tx.run('INSERT INTO webhooks (id, url, secret, events, owner_id, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)', [id, url, secret, JSON.stringify(events), ownerId, now()]);
        await recordAudit(tx, { actor: by, action: 'webhook.create', target: url, detail: `${events.join(', ')} ; propriétaire : ${owner.name}`, at: now() });
        return { webhook: toSummary(await getRow(id, tx)), secret };
      });
    },

    /** Switches a webhook on or off (off: nothing is queued for it, waiting deliveries wait). */
    setActive(input: { webhookId: string; by: string; active: boolean }): Promise<WebhookSummary> {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const row = await getRow(webhookId, tx);
        await tx.run('UPDATE webhooks SET active = ? WHERE id = ?', [input.active ? 1 : 0, webhookId]);
        if ((Number(row.active) === 1) !== input.active) await recordAudit(tx, { actor: by, action: 'webhook.update', target: row.url, detail: input.active ? 'réactivé' : 'désactivé', at: now() });
        return toSummary(await getRow(webhookId, tx));
      });
    },

    /** Replaces the secret (the old one stops verifying at once); returns the new one. */
    newSecret(input: { webhookId: string; by: string }): Promise<string> {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const row = await getRow(webhookId, tx);
        const secret = newKey();
        await tx.run('UPDATE webhooks SET secret = ? WHERE id = ?', [secret, webhookId]);
        await recordAudit(tx, { actor: by, action: 'webhook.update', target: row.url, detail: 'nouveau secret', at: now() });
        return secret;
      });
    },

    /** Deletes a webhook and its delivery log. */
    deleteWebhook(input: { webhookId: string; by: string }): Promise<WebhookSummary> {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const row = await getRow(webhookId, tx);
        await tx.run('DELETE FROM webhooks WHERE id = ?', [webhookId]);
        await recordAudit(tx, { actor: by, action: 'webhook.delete', target: row.url, detail: `${Number(row.delivered)} envoi(s) réussi(s), ${Number(row.failed)} échec(s)`, at: now() });
        return toSummary(row);
      });
    },

    /** Active hooks subscribed to `event`, with what sending needs. */
    async hooksFor(event: WebhookEvent): Promise<WebhookTarget[]> {
      const rows = await sql.all<HookRow>('SELECT id, url, secret, events, owner_id FROM webhooks WHERE active = 1 ORDER BY created_at');
      return rows.filter((r) => parseEvents(r.events).includes(event)).map((r) => ({ id: r.id, url: r.url, secret: r.secret, ownerId: r.owner_id }));
    },
  };
}

/** The webhook operations. */
export type WebhookStore = ReturnType<typeof createWebhookStore>;
