import { describe, expect, test } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import { createApiTokenOps, looksLikeApiToken, maxTokensPerPerson, ownApiTokens } from '../../server/auth/api-tokens.ts';
import { resolveViewer } from '../../server/auth/resolve-viewer.ts';
import { addPerson, useTestStore } from './helpers.ts';

const t = useTestStore();
const ops = () => createApiTokenOps({ db: t.store.database, now: () => t.clock.t });
const viewerOf = (token: string, cookieHeader?: string) => resolveViewer({ cookieHeader, authorization: `Bearer ${token}`, store: t.store, now: () => t.clock.t });

describe('personal access tokens', () => {
  test('a token is gare_ and 32 random bytes, shown once and stored only as its hash', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token, summary } = ops().createToken({ personId: bob.person.id, name: 'Tableur', scope: 'read' });
    expect(token).toMatch(/^gare_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiToken(token)).toBe(true);
    const rows = t.store.database.prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(rows)).not.toContain(token.slice(5));
    expect(ops().listTokens(bob.person.id)).toEqual([summary]);
    expect(JSON.stringify(ops().listTokens(bob.person.id))).not.toContain(token.slice(5));
  });

  test('a token gives its owner’s viewer now, marked with its scope; its use is noted once a minute', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token, summary } = ops().createToken({ personId: bob.person.id, name: 'Robot', scope: 'write' });
    const group = t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    const viewer = viewerOf(token);
    expect(viewer).toMatchObject({ role: 'equipe', person: { id: bob.person.id }, groups: ['accompagnement'], apiToken: { id: summary.id, scope: 'write' } });
    expect(viewer.csrf).toBeUndefined();
    expect(viewer.sessionId).toBeUndefined();
    const first = t.clock.t;
    expect(ops().listTokens(bob.person.id)[0]?.lastUsedAt).toBe(first);
    t.clock.t += 30_000;
    viewerOf(token);
    expect(ops().listTokens(bob.person.id)[0]?.lastUsedAt).toBe(first);
    t.clock.t += 60_000;
    viewerOf(token);
    expect(ops().listTokens(bob.person.id)[0]?.lastUsedAt).toBe(t.clock.t);
  });

  test('a bearer token wins over a session cookie, and a bad one is refused, never a visitor', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const session = t.store.createSession({ userId: t.adminId });
    const { token } = ops().createToken({ personId: bob.person.id, name: 'Robot', scope: 'write' });
    expect(viewerOf(token, `gare_session=${session.sessionId}`).person?.id).toBe(bob.person.id);
    for (const bad of ['gare_' + 'A'.repeat(43), 'nimporte', token + 'x']) {
      expect(() => viewerOf(bad, `gare_session=${session.sessionId}`)).toThrow(expect.objectContaining({ code: 'InvalidApiToken', status: 401 }));
    }
    // Another scheme (a proxy's Basic authentication) is not ours: the cookie decides.
    expect(resolveViewer({ cookieHeader: `gare_session=${session.sessionId}`, authorization: 'Basic Ym9iOnNlY3JldA==', store: t.store }).person?.id).toBe(t.adminId);
  });

  test('a revoked token and a deactivated owner’s token stop working', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const carol = await addPerson(t, 'contributeur', 'Carol', 'carol@exemple.fr');
    const revoked = ops().createToken({ personId: bob.person.id, name: 'Ancien', scope: 'read' });
    const kept = ops().createToken({ personId: bob.person.id, name: 'Gardé', scope: 'read' });
    expect(() => ops().revokeToken({ personId: carol.person.id, id: revoked.summary.id })).toThrow(expect.objectContaining({ code: 'ApiTokenNotFound' }));
    ops().revokeToken({ personId: bob.person.id, id: revoked.summary.id });
    expect(() => viewerOf(revoked.token)).toThrow(expect.objectContaining({ code: 'InvalidApiToken' }));
    expect(ops().listTokens(bob.person.id).map((x) => x.name)).toEqual(['Gardé']);
    expect(viewerOf(kept.token).person?.id).toBe(bob.person.id);
    t.store.deactivate({ userId: bob.person.id, by: t.adminId });
    expect(() => viewerOf(kept.token)).toThrow(expect.objectContaining({ code: 'InvalidApiToken' }));
    t.store.reactivate({ userId: bob.person.id, by: t.adminId });
    expect(viewerOf(kept.token).role).toBe('equipe');
  });

  test('creating and revoking a token is written in the audit log, with its name and rights', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { summary } = ops().createToken({ personId: bob.person.id, name: 'Tableur', scope: 'write' });
    ops().revokeToken({ personId: bob.person.id, id: summary.id });
    const lines = t.store.listAudit({}).items.filter((e) => e.action.startsWith('token.'));
    expect(lines.map((e) => [e.action, e.actorName, e.target, e.detail])).toEqual([
      ['token.revoke', 'Bob', 'Tableur', 'lecture et écriture'],
      ['token.create', 'Bob', 'Tableur', 'lecture et écriture'],
    ]);
  });

  test('the account page lists one’s own tokens only, and none to a visitor or a token request', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token } = ops().createToken({ personId: bob.person.id, name: 'À Bob', scope: 'read' });
    ops().createToken({ personId: t.adminId, name: 'À Alice', scope: 'read' });
    const session = t.store.createSession({ userId: bob.person.id });
    const bobViewer = resolveViewer({ cookieHeader: `gare_session=${session.sessionId}`, store: t.store });
    const db = t.store.database;
    expect(ownApiTokens({ db, viewer: bobViewer }).map((x) => x.name)).toEqual(['À Bob']);
    expect(ownApiTokens({ db, viewer: anonymous })).toEqual([]);
    expect(ownApiTokens({ db, viewer: viewerOf(token) })).toEqual([]);
  });

  test('an admin’s token acts as admin only with scope write', () => {
    const read = ops().createToken({ personId: t.adminId, name: 'Tableau de bord', scope: 'read' });
    const write = ops().createToken({ personId: t.adminId, name: 'Robot', scope: 'write' });
    expect(viewerOf(read.token).role).toBe('equipe');
    expect(viewerOf(write.token).role).toBe('admin');
  });

  test('a name is required, the scope is read or write, and a person holds a bounded number', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    expect(() => ops().createToken({ personId: bob.person.id, name: '  ', scope: 'read' })).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    expect(() => ops().createToken({ personId: bob.person.id, name: 'x', scope: 'admin' as 'read' })).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    for (let i = 0; i < maxTokensPerPerson; i++) ops().createToken({ personId: bob.person.id, name: `j${i}`, scope: 'read' });
    expect(() => ops().createToken({ personId: bob.person.id, name: 'encore', scope: 'read' })).toThrow(expect.objectContaining({ code: 'TooManyApiTokens' }));
  });
});
