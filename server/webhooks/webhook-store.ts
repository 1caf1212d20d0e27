/**
 * Webhooks set by an admin: where to post, which events, whose reading rights bound what is sent
 * (the owner), on or off, and the HMAC secret. Every change needs an active admin and is written
 * to the audit log in the same transaction. The secret is kept in clear: signing needs it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { getPerson, requireActiveAdmin, transaction } from '../auth/account-db.ts';
import { recordAudit } from '../auth/audit-log.ts';
import { parseInput } from '../auth/parse-input.ts';
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
  id: r.id, url: r.url, events: parseEvents(r.events), ownerId: r.owner_id, ownerName: r.owner_name, active: r.active === 1, createdAt: r.created_at,
  counts: { pending: Number(r.pending), delivered: Number(r.delivered), failed: Number(r.failed) },
});

/** A new HMAC key: 32 random bytes, base64url. */
const newKey = (): string => randomBytes(32).toString('base64url');

/** Webhook operations over the accounts database. */
export function createWebhookStore({ db, now }: { db: DatabaseSync; now: () => number }) {
  function getRow(id: string): HookRow {
    const row = db.prepare(`${summarySql} WHERE w.id = ?`).get(id) as HookRow | undefined;
    if (row === undefined) throw new WebhookNotFound('Webhook introuvable : il a peut-être été supprimé. Rechargez la liste des webhooks.');
    return row;
  }

  return {
    /** Every webhook, oldest first, with its delivery counts. */
    listWebhooks(): WebhookSummary[] {
      return (db.prepare(`${summarySql} ORDER BY w.created_at, w.id`).all() as unknown as HookRow[]).map(toSummary);
    },

    /** One webhook (WebhookNotFound when missing). */
    getWebhook: (id: string): WebhookSummary => toSummary(getRow(id)),

    /** Creates a webhook; returns it and its secret, which the admin page shows once. */
    createWebhook(input: { url: string; events: readonly string[]; ownerId: string; by: string }): { webhook: WebhookSummary; secret: string } {
      const { url, events, ownerId, by } = parseInput(CreateWebhookSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const owner = getPerson(db, ownerId);
        const id = randomUUID();
        const secret = newKey();
        db.prepare('INSERT INTO webhooks (id, url, secret, events, owner_id, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)').run(id, url, secret, JSON.stringify(events), ownerId, now());
        recordAudit(db, { actor: by, action: 'webhook.create', target: url, detail: `${events.join(', ')} ; propriétaire : ${owner.name}`, at: now() });
        return { webhook: toSummary(getRow(id)), secret };
      });
    },

    /** Switches a webhook on or off (off: nothing is queued for it, waiting deliveries wait). */
    setActive(input: { webhookId: string; by: string; active: boolean }): WebhookSummary {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const row = getRow(webhookId);
        db.prepare('UPDATE webhooks SET active = ? WHERE id = ?').run(input.active ? 1 : 0, webhookId);
        if ((row.active === 1) !== input.active) recordAudit(db, { actor: by, action: 'webhook.update', target: row.url, detail: input.active ? 'réactivé' : 'désactivé', at: now() });
        return toSummary(getRow(webhookId));
      });
    },

    /** Replaces the secret (the old one stops verifying at once); returns the new one. */
    newSecret(input: { webhookId: string; by: string }): string {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const row = getRow(webhookId);
        const secret = newKey();
        db.prepare('UPDATE webhooks SET secret = ? WHERE id = ?').run(secret, webhookId);
        recordAudit(db, { actor: by, action: 'webhook.update', target: row.url, detail: 'nouveau secret', at: now() });
        return secret;
      });
    },

    /** Deletes a webhook and its delivery log. */
    deleteWebhook(input: { webhookId: string; by: string }): WebhookSummary {
      const { webhookId, by } = parseInput(WebhookActionSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const row = getRow(webhookId);
        db.prepare('DELETE FROM webhooks WHERE id = ?').run(webhookId);
        recordAudit(db, { actor: by, action: 'webhook.delete', target: row.url, detail: `${Number(row.delivered)} envoi(s) réussi(s), ${Number(row.failed)} échec(s)`, at: now() });
        return toSummary(row);
      });
    },

    /** Active hooks subscribed to `event`, with what sending needs. */
    hooksFor(event: WebhookEvent): WebhookTarget[] {
      const rows = db.prepare('SELECT id, url, secret, events, owner_id FROM webhooks WHERE active = 1 ORDER BY created_at').all() as unknown as HookRow[];
      return rows.filter((r) => parseEvents(r.events).includes(event)).map((r) => ({ id: r.id, url: r.url, secret: r.secret, ownerId: r.owner_id }));
    },
  };
}

/** The webhook operations. */
export type WebhookStore = ReturnType<typeof createWebhookStore>;
