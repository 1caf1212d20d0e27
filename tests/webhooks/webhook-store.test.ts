import { expect, it } from 'vitest';
import { createDeliveryStore } from '../../server/webhooks/delivery-store.ts';
import { createWebhookStore } from '../../server/webhooks/webhook-store.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

describeEachStore('webhooks and their delivery log', (open) => {
  async function setup() {
    const sql = await openAccountTables(open);
    const admin = await addPersonRow(sql, { id: 'p-admin', name: 'Alice Admin', role: 'admin' });
    const team = await addPersonRow(sql, { id: 'p-team', name: 'Théo Équipe' });
    const clock = { t: 1_000 };
    const now = () => clock.t;
    return { sql, admin, team, clock, hooks: createWebhookStore({ sql, now }), log: createDeliveryStore({ sql, now }) };
  }

  it('are managed by an active admin only, each change in the audit log', async () => {
    const { sql, admin, team, hooks } = await setup();
    await expect(hooks.createWebhook({ url: 'https://chat.exemple.org/h', events: ['page.saved'], ownerId: team, by: team })).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(hooks.createWebhook({ url: 'https://chat.exemple.org/h', events: ['page.saved'], ownerId: 'p-personne', by: admin })).rejects.toMatchObject({ code: 'PersonNotFound' });
    const { webhook, secret } = await hooks.createWebhook({ url: 'https://chat.exemple.org/h', events: ['comment.created', 'page.saved'], ownerId: team, by: admin });
    expect(webhook).toMatchObject({ events: ['page.saved', 'comment.created'], ownerName: 'Théo Équipe', active: true, createdAt: 1_000, counts: { pending: 0, delivered: 0, failed: 0 } });
    expect(await hooks.hooksFor('page.saved')).toEqual([{ id: webhook.id, url: 'https://chat.exemple.org/h', secret, ownerId: team }]);
    expect(await hooks.setActive({ webhookId: webhook.id, by: admin, active: false })).toMatchObject({ active: false });
    expect(await hooks.hooksFor('page.saved')).toEqual([]);
    expect(await hooks.newSecret({ webhookId: webhook.id, by: admin })).not.toBe(secret);
    await expect(hooks.getWebhook('inconnu')).rejects.toMatchObject({ code: 'WebhookNotFound' });
    expect(await hooks.deleteWebhook({ webhookId: webhook.id, by: admin })).toMatchObject({ id: webhook.id });
    expect(await hooks.listWebhooks()).toEqual([]);
    const audit = await sql.all<{ action: string; actor_name: string }>('SELECT action, actor_name FROM audit_log ORDER BY id');
    expect(audit.map((a) => `${a.action} ${a.actor_name}`)).toEqual(['webhook.create Alice Admin', 'webhook.update Alice Admin', 'webhook.update Alice Admin', 'webhook.delete Alice Admin']);
  });

  it('queue deliveries, send the due ones oldest first, retry, give up, resend and prune', async () => {
    const { admin, team, clock, hooks, log } = await setup();
    const { webhook } = await hooks.createWebhook({ url: 'https://chat.exemple.org/h', events: ['page.saved'], ownerId: team, by: admin });
    const first = await log.enqueue({ webhookId: webhook.id, event: 'page.saved', payload: '{"n":1}' });
    clock.t += 1;
    const second = await log.enqueue({ webhookId: webhook.id, event: 'page.saved', payload: '{"n":2}' });
    expect(second).toBeGreaterThan(first);
    expect((await log.due()).map((d) => [d.id, d.hook.url])).toEqual([[first, 'https://chat.exemple.org/h'], [second, 'https://chat.exemple.org/h']]);
    await log.recordAttempt({ id: first, delivered: true, status: 204 });
    await log.recordAttempt({ id: second, delivered: false, status: 500, error: 'Erreur 500', retryAt: clock.t + 60_000 });
    expect(await log.due()).toEqual([]);
    clock.t += 60_000;
    expect((await log.due()).map((d) => [d.id, d.attempts])).toEqual([[second, 1]]);
    await expect(log.redeliver({ webhookId: webhook.id, deliveryId: second, by: admin })).rejects.toMatchObject({ code: 'DeliveryNotRetryable' });
    await log.recordAttempt({ id: second, delivered: false, error: 'Abandon' });
    expect((await hooks.getWebhook(webhook.id)).counts).toEqual({ pending: 0, delivered: 1, failed: 1 });
    await expect(log.redeliver({ webhookId: webhook.id, deliveryId: second, by: team })).rejects.toMatchObject({ code: 'Forbidden' });
    expect(await log.redeliver({ webhookId: webhook.id, deliveryId: second, by: admin })).toMatchObject({ id: second, status: 'pending', attempts: 0 });
    const page = await log.listDeliveries({ webhookId: webhook.id, size: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ id: second, status: 'pending', lastError: 'Abandon', payload: '{"n":2}' }] });
    expect(await log.prune(clock.t + 1)).toBe(1);
    expect((await log.listDeliveries({ webhookId: webhook.id })).items.map((d) => d.id)).toEqual([second]);
  });
});
