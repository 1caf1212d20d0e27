/**
 * The other events a webhook hears — a pad published, a proposal submitted, a comment written —
 * each only when the hook's owner may read it; and deliveries left waiting when the hub stops are
 * sent by the next start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.ts';
import { startGare } from '../../server/main.ts';
import { clientFor } from '../editing/http-client.ts';
import { signIn, type TestSession } from '../helpers/people.ts';
import { root, startTestHub, type TestHub } from '../helpers/start-hub.ts';
import { startReceiver, type Receiver } from './receiver.ts';

let gare: TestHub;
let receiver: Receiver;
let admin: TestSession;
let team: TestSession;
let contributor: TestSession;
let other: TestSession;

/** Two hooks on the same receiver (`/other`, `/admin`): one owned by `owner`, one by the admin (whose secret the receiver checks). */
async function hooks(events: string[], owner: TestSession): Promise<void> {
  for (const [suffix, ownerId] of [['other', owner.id], ['admin', admin.id]] as const) {
    const { secret } = await gare.hub.webhooks.createWebhook({ url: `${receiver.url}/${suffix}`, events, ownerId, by: admin.id });
    receiver.secret = secret;
  }
}

const heard = () => receiver.received.map((r) => `${r.path} ${String(r.json['event'])}`);

beforeAll(async () => {
  gare = await startTestHub();
  receiver = await startReceiver();
  admin = await signIn(gare.hub, 'admin');
  team = await signIn(gare.hub, 'equipe', 'Samia Équipe');
  contributor = await signIn(gare.hub, 'contributeur', 'Léa Contributrice');
  other = await signIn(gare.hub, 'contributeur', 'Omar Autre');
}, 60_000);
afterAll(async () => {
  await gare?.stop();
  await receiver?.close();
});
beforeEach(async () => {
  for (const hook of await gare.hub.webhooks.listWebhooks()) await gare.hub.webhooks.deleteWebhook({ webhookId: hook.id, by: admin.id });
  receiver.received.length = 0;
});

describe('events beyond saved pages', () => {
  it('tells a team pad’s publication to the team’s hook only', async () => {
    await hooks(['pad.published'], contributor);
    const made = await clientFor(gare, team).post('/api/pads', { title: 'Réunion du lundi', template: 'reunion-equipe' });
    const published = await clientFor(gare, team).post(`/api/pads/${made.json.name}/publish`, {});
    expect(published.status).toBe(200);
    await gare.hub.webhooks.idle();
    expect(heard()).toEqual(['/admin pad.published']);
    expect(receiver.received[0]?.json).toMatchObject({ pad: { name: made.json.name, title: 'Réunion du lundi' }, page: { path: published.json.path, visibility: 'equipe' }, by: { name: 'Samia Équipe' } });
    expect(receiver.received[0]?.signatureOk).toBe(true);
  });

  it('tells a proposal to the reviewers’ hook, never to another contributeur’s', async () => {
    expect((await clientFor(gare, admin).post('/api/review/settings', { sections: ['ressources'] })).status).toBe(200);
    await hooks(['proposal.created'], other);
    const created = await clientFor(gare, team).post('/api/pages/create', { title: 'Fiche relue', type: 'ressource', tags: [], visibility: 'public', body: 'Texte.\n' });
    const version = (await clientFor(gare, contributor).get(`/api/pages/${created.json.path.slice(0, -3)}`)).json.version as string;
    const saved = await clientFor(gare, contributor).post('/api/pages/save', { path: created.json.path, title: 'Fiche relue', type: 'ressource', tags: [], visibility: 'public', body: 'Texte amélioré.\n', baseVersion: version });
    expect(saved.status).toBe(202);
    await gare.hub.webhooks.idle();
    expect(heard()).toEqual(['/admin proposal.created']);
    expect(receiver.received[0]?.json).toMatchObject({ proposal: { id: saved.json.proposal.id, title: 'Fiche relue', url: `/propositions/${saved.json.proposal.id}`, author: { name: 'Léa Contributrice' } }, page: { path: created.json.path } });
  });

  it('tells a comment on a team page to the team’s hook only, with its words', async () => {
    await hooks(['comment.created'], contributor);
    const teamPage = gare.hub.index.all().find((p) => p.meta.visibility === 'equipe');
    const publicPage = gare.hub.index.all().find((p) => p.meta.visibility === 'public');
    for (const page of [teamPage, publicPage]) {
      const posted = await clientFor(gare, team).post('/api/comments', { kind: 'page', target: page?.path, body: `Relu : ${page?.meta.title}` });
      expect(posted.status).toBe(201);
    }
    await gare.hub.webhooks.idle();
    expect(heard().sort()).toEqual(['/admin comment.created', '/admin comment.created', '/other comment.created']);
    const contributorGot = receiver.received.find((r) => r.path === '/other');
    expect(contributorGot?.json).toMatchObject({ comment: { body: `Relu : ${publicPage?.meta.title}`, author: { name: 'Samia Équipe' } }, page: { path: publicPage?.path } });
    expect(receiver.received.filter((r) => r.path === '/other').map((r) => r.body).join()).not.toContain(String(teamPage?.meta.title));
  });
});

describe('a restart', () => {
  it('sends what the previous run left waiting', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gare-webhooks-restart-'));
    const config: Config = { port: 0, host: '127.0.0.1', dataDir, contentDir: path.join(dataDir, 'wiki'), seedContent: true, publicUrl: 'https://wiki.exemple.org/', remote: undefined };
    let clock = Date.parse('2026-12-07T09:00:00Z');
    try {
      const first = await startGare({ config, root, now: () => clock });
      const owner = await signIn(first.hub, 'admin');
      receiver.secret = (await first.hub.webhooks.createWebhook({ url: `${receiver.url}/restart`, events: ['page.saved'], ownerId: owner.id, by: owner.id })).secret;
      receiver.status = 503;
      await first.hub.commits.commitFiles({ changes: [{ path: 'ressources/avant-redemarrage.md', content: '---\ntitle: Avant le redémarrage\nvisibility: public\n---\n\nTexte.\n' }], author: { name: 'T', email: 't@exemple.org' }, message: 'avant' });
      await first.hub.sync();
      await first.hub.webhooks.idle();
      await first.close();
      expect(receiver.received).toHaveLength(1);

      receiver.status = 200;
      clock += 2 * 60_000;
      const second = await startGare({ config: { ...config, seedContent: false }, root, now: () => clock });
      await second.hub.webhooks.idle();
      await second.close();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]?.signatureOk).toBe(true);
      expect(receiver.received[1]?.json).toMatchObject({ event: 'page.saved', page: { url: 'https://wiki.exemple.org/wiki/ressources/avant-redemarrage', title: 'Avant le redémarrage' } });
    } finally {
      receiver.status = 200;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
