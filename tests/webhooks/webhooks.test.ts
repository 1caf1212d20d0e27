/**
 * Webhooks on a real hub, posting to a real receiver on loopback that checks each signature:
 * a saved page is delivered signed; a failing receiver is retried then reached; a redirect is
 * not followed; « renvoyer » sends a failed delivery again; only admins manage hooks; a hook
 * hears only what its owner may read. Time moves by the hub's clock, never by waiting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../helpers/people.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { startReceiver, type Receiver } from './receiver.ts';

let clock = Date.parse('2026-12-07T09:00:00Z');
let gare: TestHub;
let receiver: Receiver;
let admin: TestSession;
let contributor: TestSession;
let n = 0;

const json = (session: TestSession) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf, origin: gare.url, 'content-type': 'application/json' });

/** Creates a hook through the API as `session`; returns its id (the receiver learns the secret). */
async function createHook(body: Record<string, unknown>, session = admin): Promise<string> {
  const res = await fetch(`${gare.url}/api/admin/webhooks`, { method: 'POST', headers: json(session), body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['page.saved'], ...body }) });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { webhook: { id: string }; secret: string };
  receiver.secret = answer.secret;
  return answer.webhook.id;
}

/** Commits a page as the terminal would, and waits until webhooks have queued and sent what it caused. */
async function savePage(visibility: 'public' | 'equipe', title = `Note ${++n}`): Promise<string> {
  const path = `ressources/webhook-${n}-${visibility}.md`;
  const content = `---\ntitle: ${title}\ntype: fiche\nvisibility: ${visibility}\n---\n\nTexte secret de la page ${n}.\n`;
  await gare.hub.commits.commitFiles({ changes: [{ path, content }], author: { name: 'Terminal', email: 't@exemple.org' }, message: `page ${n}` });
  await gare.hub.sync();
  await gare.hub.webhooks.idle();
  return path;
}

const deliveriesOf = async (id: string) => (await gare.hub.webhooks.listDeliveries({ webhookId: id })).items;

beforeAll(async () => {
  gare = await startTestHub({ now: () => clock });
  receiver = await startReceiver();
  admin = await signIn(gare.hub, 'admin');
  contributor = await signIn(gare.hub, 'contributeur', 'Camille Contributrice');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  await receiver?.close();
});
beforeEach(async () => {
  for (const hook of await gare.hub.webhooks.listWebhooks()) await gare.hub.webhooks.deleteWebhook({ webhookId: hook.id, by: admin.id });
  receiver.received.length = 0;
  receiver.status = 200;
});

describe('a webhook', () => {
  it('receives a saved page, signed: the signature verifies with its secret', async () => {
    const id = await createHook({});
    const path = await savePage('public', 'Horaires du local');
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.signatureOk).toBe(true);
    expect(got?.headers['x-gare-event']).toBe('page.saved');
    expect(got?.headers['content-type']).toContain('application/json');
    expect(got?.headers['x-gare-delivery']).toBe(got?.json['id']);
    expect(got?.headers['x-gare-timestamp']).toBe(String(Math.floor(clock / 1000)));
    expect(got?.json).toMatchObject({ event: 'page.saved', change: 'created', page: { path, title: 'Horaires du local', visibility: 'public', url: expect.stringMatching(/^\/wiki\//) } });
    expect(got?.body).not.toContain('Texte secret');
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'delivered', attempts: 1, lastStatus: 200 }]);
    // A receiver holding another secret refuses it: the check can fail.
    receiver.secret = 'un autre secret';
    await savePage('public');
    expect(receiver.received[1]?.signatureOk).toBe(false);
  });

  it('tells a modification and a removal apart', async () => {
    await createHook({});
    const path = await savePage('public');
    await gare.hub.commits.commitFiles({ changes: [{ path, delete: true }], author: { name: 'Terminal', email: 't@exemple.org' }, message: 'suppression' });
    await gare.hub.sync();
    await gare.hub.webhooks.idle();
    expect(receiver.received.map((r) => r.json['change'])).toEqual(['created', 'removed']);
  });

  it('is retried when the receiver fails, then delivered once it answers', async () => {
    const id = await createHook({});
    receiver.status = 500;
    await savePage('public');
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'pending', attempts: 1, lastStatus: 500, nextAttemptAt: clock + 60_000 }]);
    // Not due yet: nothing is sent again.
    await gare.hub.webhooks.runDue();
    expect(receiver.received).toHaveLength(1);
    receiver.status = 204;
    clock += 61_000;
    await gare.hub.webhooks.runDue();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.headers['x-gare-delivery']).toBe(receiver.received[0]?.headers['x-gare-delivery']);
    expect(receiver.received[1]?.signatureOk).toBe(true);
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'delivered', attempts: 2, lastStatus: 204 }]);
  });

  it('gives up after six attempts, and « renvoyer » sends it again', async () => {
    const id = await createHook({});
    receiver.status = 503;
    await savePage('public');
    for (const wait of [1, 5, 30, 120, 360]) {
      clock += wait * 60_000;
      await gare.hub.webhooks.runDue();
    }
    expect(receiver.received).toHaveLength(6);
    const [failed] = await deliveriesOf(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 6, lastStatus: 503 });
    receiver.status = 200;
    const res = await fetch(`${gare.url}/api/admin/webhooks/${id}/deliveries/${failed?.id}/redeliver`, { method: 'POST', headers: json(admin), body: '{}' });
    expect(res.status).toBe(200);
    await gare.hub.webhooks.idle();
    expect(receiver.received).toHaveLength(7);
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'delivered' }]);
    const again = await fetch(`${gare.url}/api/admin/webhooks/${id}/deliveries/${failed?.id}/redeliver`, { method: 'POST', headers: json(admin), body: '{}' });
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('DeliveryNotRetryable');
  });

  it('does not follow a redirect', async () => {
    const id = await createHook({});
    receiver.status = 302;
    await savePage('public');
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook']);
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'pending', lastStatus: 302, lastError: expect.stringContaining('Redirection') }]);
  });

  it('sends nothing while switched off', async () => {
    const id = await createHook({});
    await gare.hub.webhooks.setActive({ webhookId: id, by: admin.id, active: false });
    await savePage('public');
    expect(receiver.received).toEqual([]);
    expect(await deliveriesOf(id)).toEqual([]);
  });
});

describe('what a webhook hears', () => {
  it('is bounded by its owner’s reading: a contributeur’s hook hears public pages, never team ones', async () => {
    const id = await createHook({ ownerId: contributor.id });
    await savePage('equipe', 'Dossier confidentiel');
    expect(receiver.received).toEqual([]);
    expect(await deliveriesOf(id)).toEqual([]);
    await savePage('public', 'Affiche publique');
    expect(receiver.received.map((r) => (r.json['page'] as { title: string }).title)).toEqual(['Affiche publique']);
  });

  it('hears the team’s pages when its owner is in the team, so the check can fail', async () => {
    await createHook({});
    await savePage('equipe', 'Dossier de l’équipe');
    expect(receiver.received.map((r) => (r.json['page'] as { title: string }).title)).toEqual(['Dossier de l’équipe']);
  });

  it('is silent once its owner is deactivated', async () => {
    const owner = await signIn(gare.hub, 'equipe', 'Dominique Départ');
    const id = await createHook({ ownerId: owner.id });
    await gare.hub.accounts.deactivate({ userId: owner.id, by: admin.id });
    await savePage('public');
    expect(receiver.received).toEqual([]);
    expect(await deliveriesOf(id)).toEqual([]);
  });
});

describe('managing webhooks', () => {
  it('is for admins only, and refuses an address that is not http(s) or an event that does not exist', async () => {
    const team = await signIn(gare.hub, 'equipe');
    for (const who of [contributor, team]) {
      const res = await fetch(`${gare.url}/api/admin/webhooks`, { method: 'POST', headers: json(who), body: JSON.stringify({ url: `${receiver.url}/x`, events: ['page.saved'] }) });
      expect(res.status).toBe(403);
      expect((await fetch(`${gare.url}/api/admin/webhooks`, { headers: { cookie: who.cookie } })).status).toBe(403);
      const page = await fetch(`${gare.url}/admin/webhooks`, { headers: { cookie: who.cookie } });
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('Créer le webhook');
    }
    for (const body of [{ url: 'ftp://exemple.org/x', events: ['page.saved'] }, { url: 'file:///etc/passwd', events: ['page.saved'] }, { url: `${receiver.url}/x`, events: [] }, { url: `${receiver.url}/x`, events: ['page.read'] }]) {
      const res = await fetch(`${gare.url}/api/admin/webhooks`, { method: 'POST', headers: json(admin), body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('InvalidInput');
    }
    expect(await gare.hub.webhooks.listWebhooks()).toEqual([]);
  });

  it('sends a refused form back to the page with the French reason and the address typed', async () => {
    const form = new URLSearchParams({ _csrf: admin.csrf, url: 'ftp://chat.exemple.org/hook', 'page.saved': 'oui' });
    const res = await fetch(`${gare.url}/api/admin/webhooks`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie, origin: gare.url, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '', gare.url);
    expect(back.pathname).toBe('/admin/webhooks');
    expect(back.searchParams.get('erreur')).toContain('https://');
    const html = await (await fetch(`${gare.url}${back.pathname}${back.search}`, { headers: { cookie: admin.cookie } })).text();
    expect(html).toContain('value="ftp://chat.exemple.org/hook"');
    expect(html).toContain('role="alert"');
    expect(await gare.hub.webhooks.listWebhooks()).toEqual([]);
  });

  it('lists hooks without their secret, and writes creation, switching off and deletion in the audit log', async () => {
    const id = await createHook({ events: ['page.saved', 'comment.created'] });
    const list = await (await fetch(`${gare.url}/api/admin/webhooks`, { headers: { cookie: admin.cookie } })).text();
    expect(list).toContain(id);
    expect(list).not.toContain(receiver.secret);
    await fetch(`${gare.url}/api/admin/webhooks/${id}/disable`, { method: 'POST', headers: json(admin), body: '{}' });
    const refused = await fetch(`${gare.url}/api/admin/webhooks/${id}/delete`, { method: 'POST', headers: json(admin), body: '{}' });
    expect(refused.status).toBe(400);
    await fetch(`${gare.url}/api/admin/webhooks/${id}/delete`, { method: 'POST', headers: json(admin), body: JSON.stringify({ confirmer: 'oui' }) });
    expect(await gare.hub.webhooks.listWebhooks()).toEqual([]);
    const actions = (await gare.hub.accounts.listAudit({})).items.slice(0, 3).map((e) => [e.action, e.detail]);
    expect(actions).toEqual([
      ['webhook.delete', expect.any(String)],
      ['webhook.update', 'désactivé'],
      ['webhook.create', expect.stringContaining('page.saved, comment.created')],
    ]);
  });
});

// Last: a month passes, and sessions with it.
describe('the delivery log', () => {
  it('keeps its log for 30 days, never forgetting a delivery still waiting', async () => {
    const id = await createHook({});
    await savePage('public');
    receiver.status = 500;
    clock += 24 * 3_600_000;
    await savePage('public');
    clock += 30 * 24 * 3_600_000;
    expect(await gare.hub.webhooks.prune()).toBe(1);
    expect(await deliveriesOf(id)).toMatchObject([{ status: 'pending' }]);
  });
});
