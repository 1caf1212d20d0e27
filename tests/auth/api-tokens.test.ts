import { describe, expect, test } from 'vitest';
import { anonymous } from '../../server/access/viewer.ts';
import { createApiTokenOps, looksLikeApiToken, maxTokensPerPerson, ownApiTokens } from '../../server/auth/api-tokens.ts';
import { resolveViewer } from '../../server/auth/resolve-viewer.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { addPerson, useTestStore } from './helpers.ts';

describeEachStore('personal access tokens', (open) => {
const t = useTestStore(open);
const ops = () => createApiTokenOps({ sql: t.store.sql, now: () => t.clock.t });
const viewerOf = (token: string, cookieHeader?: string) => resolveViewer({ cookieHeader, authorization: `Bearer ${token}`, store: t.store, now: () => t.clock.t });

describe('tokens', () => {
  test('a token is gare_ and 32 random bytes, shown once and stored only as its hash', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token, summary } = await ops().createToken({ personId: bob.person.id, name: 'Tableur', scope: 'read' });
    expect(token).toMatch(/^gare_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiToken(token)).toBe(true);
    const rows = await t.sql.all('SELECT * FROM api_tokens');
    expect(JSON.stringify(rows)).not.toContain(token.slice(5));
    expect(await ops().listTokens(bob.person.id)).toEqual([summary]);
    expect(JSON.stringify(await ops().listTokens(bob.person.id))).not.toContain(token.slice(5));
  });

  test('a token gives its owner’s viewer now, marked with its scope; its use is noted once a minute', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token, summary } = await ops().createToken({ personId: bob.person.id, name: 'Robot', scope: 'write' });
    const group = await t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    await t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    const viewer = await viewerOf(token);
    expect(viewer).toMatchObject({ role: 'equipe', person: { id: bob.person.id }, groups: ['accompagnement'], apiToken: { id: summary.id, scope: 'write' } });
    expect(viewer.csrf).toBeUndefined();
    expect(viewer.sessionId).toBeUndefined();
    const first = t.clock.t;
    expect((await ops().listTokens(bob.person.id))[0]?.lastUsedAt).toBe(first);
    t.clock.t += 30_000;
    await viewerOf(token);
    expect((await ops().listTokens(bob.person.id))[0]?.lastUsedAt).toBe(first);
    t.clock.t += 60_000;
    await viewerOf(token);
    expect((await ops().listTokens(bob.person.id))[0]?.lastUsedAt).toBe(t.clock.t);
  });

  test('a bearer token wins over a session cookie, and a bad one is refused, never a visitor', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const session = await t.store.createSession({ userId: t.adminId });
    const { token } = await ops().createToken({ personId: bob.person.id, name: 'Robot', scope: 'write' });
    expect((await viewerOf(token, `gare_session=${session.sessionId}`)).person?.id).toBe(bob.person.id);
    for (const bad of ['gare_' + 'A'.repeat(43), 'nimporte', token + 'x']) {
      await expect(viewerOf(bad, `gare_session=${session.sessionId}`)).rejects.toThrow(expect.objectContaining({ code: 'InvalidApiToken', status: 401 }));
    }
    // Another scheme (a proxy's Basic authentication) is not ours: the cookie decides.
    expect((await resolveViewer({ cookieHeader: `gare_session=${session.sessionId}`, authorization: 'Basic Ym9iOnNlY3JldA==', store: t.store })).person?.id).toBe(t.adminId);
  });

  test('a revoked token and a deactivated owner’s token stop working', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const carol = await addPerson(t, 'contributeur', 'Carol', 'carol@exemple.fr');
    const revoked = await ops().createToken({ personId: bob.person.id, name: 'Ancien', scope: 'read' });
    const kept = await ops().createToken({ personId: bob.person.id, name: 'Gardé', scope: 'read' });
    await expect(ops().revokeToken({ personId: carol.person.id, id: revoked.summary.id })).rejects.toThrow(expect.objectContaining({ code: 'ApiTokenNotFound' }));
    await ops().revokeToken({ personId: bob.person.id, id: revoked.summary.id });
    await expect(viewerOf(revoked.token)).rejects.toThrow(expect.objectContaining({ code: 'InvalidApiToken' }));
    expect((await ops().listTokens(bob.person.id)).map((x) => x.name)).toEqual(['Gardé']);
    expect((await viewerOf(kept.token)).person?.id).toBe(bob.person.id);
    await t.store.deactivate({ userId: bob.person.id, by: t.adminId });
    await expect(viewerOf(kept.token)).rejects.toThrow(expect.objectContaining({ code: 'InvalidApiToken' }));
    await t.store.reactivate({ userId: bob.person.id, by: t.adminId });
    expect((await viewerOf(kept.token)).role).toBe('equipe');
  });

  test('creating and revoking a token is written in the audit log, with its name and rights', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { summary } = await ops().createToken({ personId: bob.person.id, name: 'Tableur', scope: 'write' });
    await ops().revokeToken({ personId: bob.person.id, id: summary.id });
    const lines = (await t.store.listAudit({})).items.filter((e) => e.action.startsWith('token.'));
    expect(lines.map((e) => [e.action, e.actorName, e.target, e.detail])).toEqual([
      ['token.revoke', 'Bob', 'Tableur', 'lecture et écriture'],
      ['token.create', 'Bob', 'Tableur', 'lecture et écriture'],
    ]);
  });

  test('the account page lists one’s own tokens only, and none to a visitor or a token request', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const { token } = await ops().createToken({ personId: bob.person.id, name: 'À Bob', scope: 'read' });
    await ops().createToken({ personId: t.adminId, name: 'À Alice', scope: 'read' });
    const session = await t.store.createSession({ userId: bob.person.id });
    const bobViewer = await resolveViewer({ cookieHeader: `gare_session=${session.sessionId}`, store: t.store });
    const sql = t.store.sql;
    expect((await ownApiTokens({ sql, viewer: bobViewer })).map((x) => x.name)).toEqual(['À Bob']);
    expect(await ownApiTokens({ sql, viewer: anonymous })).toEqual([]);
    expect(await ownApiTokens({ sql, viewer: await viewerOf(token) })).toEqual([]);
  });

  test('an admin’s token acts as admin only with scope write', async () => {
    const read = await ops().createToken({ personId: t.adminId, name: 'Tableau de bord', scope: 'read' });
    const write = await ops().createToken({ personId: t.adminId, name: 'Robot', scope: 'write' });
    expect((await viewerOf(read.token)).role).toBe('equipe');
    expect((await viewerOf(write.token)).role).toBe('admin');
  });

  test('a name is required, the scope is read or write, and a person holds a bounded number', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    await expect(ops().createToken({ personId: bob.person.id, name: '  ', scope: 'read' })).rejects.toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    await expect(ops().createToken({ personId: bob.person.id, name: 'x', scope: 'admin' as 'read' })).rejects.toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    for (let i = 0; i < maxTokensPerPerson; i++) await ops().createToken({ personId: bob.person.id, name: `j${i}`, scope: 'read' });
    await expect(ops().createToken({ personId: bob.person.id, name: 'encore', scope: 'read' })).rejects.toThrow(expect.objectContaining({ code: 'TooManyApiTokens' }));
  });
});
});
