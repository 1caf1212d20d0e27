import { describe, expect, test } from 'vitest';
import { createAccountStore } from '../../server/auth/account-store.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { addPerson, day, useTestStore } from './helpers.ts';

describeEachStore('the accounts store', (open) => {
const t = useTestStore(open);

describe('invitations', () => {
  test('an invited person creates an account and logs in with it', async () => {
    const { token, expiresAt } = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId });
    expect(expiresAt).toBe(t.clock.t + 7 * day);
    const created = await t.store.acceptInvitation({ token, name: ' Bruno ', email: ' Bruno@Exemple.FR ', password: 'le café du lundi' });
    expect(created.role).toBe('equipe');
    expect(created.person).toMatchObject({ name: 'Bruno', email: 'bruno@exemple.fr' });
    const login = await t.store.verifyLogin({ email: 'BRUNO@exemple.fr', password: 'le café du lundi' });
    expect(login).toEqual(created);
  });

  test('an expired invitation is refused', async () => {
    const { token } = await t.store.createInvitation({ role: 'contributeur', invitedBy: t.adminId, ttlMs: day });
    t.clock.t += day;
    await expect(t.store.acceptInvitation({ token, name: 'Chloé', email: 'chloe@exemple.fr', password: 'trop tard hélas' })).rejects.toMatchObject({
      code: 'InvitationExpired',
    });
  });

  test('an invitation link works only once', async () => {
    const { token } = await t.store.createInvitation({ role: 'contributeur', invitedBy: t.adminId });
    const first = t.store.acceptInvitation({ token, name: 'Chloé', email: 'chloe@exemple.fr', password: 'premier arrivé' });
    const second = t.store.acceptInvitation({ token, name: 'Denis', email: 'denis@exemple.fr', password: 'second arrivé' });
    const results = await Promise.allSettled([first, second]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'InvalidToken' } });
    await expect(t.store.acceptInvitation({ token, name: 'Eve', email: 'eve@exemple.fr', password: 'troisième arrivée' })).rejects.toMatchObject({ code: 'InvalidToken' });
    expect(await t.store.listPeople()).toHaveLength(2);
  });

  test('an invitation addressed to an e-mail cannot be used with another', async () => {
    const { token } = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId, email: 'Fanny@exemple.fr' });
    await expect(t.store.acceptInvitation({ token, name: 'Intrus', email: 'intrus@exemple.fr', password: 'je ne suis pas Fanny' })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(t.store.acceptInvitation({ token, name: 'Fanny', email: 'fanny@exemple.fr', password: 'je suis bien Fanny' })).resolves.toMatchObject({ role: 'equipe' });
  });

  test('an e-mail already used, whatever its case, cannot register again', async () => {
    const { token } = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId });
    await expect(t.store.acceptInvitation({ token, name: 'Alice bis', email: 'ALICE@exemple.fr', password: 'encore alice ici' })).rejects.toMatchObject({ code: 'EmailTaken' });
  });

  test('short or guessable passwords and bad names are refused with a French message', async () => {
    const { token } = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId });
    const base = { token, name: 'Gaston', email: 'gaston@exemple.fr' };
    await expect(t.store.acceptInvitation({ ...base, password: 'court' })).rejects.toMatchObject({ code: 'WeakPassword', message: expect.stringMatching(/au moins 10 caractères/) });
    await expect(t.store.acceptInvitation({ ...base, password: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'WeakPassword' });
    await expect(t.store.acceptInvitation({ ...base, password: 'aaaaaaaaaaaa' })).rejects.toMatchObject({ code: 'WeakPassword' });
    await expect(t.store.acceptInvitation({ ...base, password: 'Gaston@exemple.fr' })).rejects.toMatchObject({ code: 'WeakPassword' });
    await expect(t.store.acceptInvitation({ ...base, name: '', password: 'un bon mot de passe' })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(t.store.acceptInvitation({ ...base, name: 'G'.repeat(81), password: 'un bon mot de passe' })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(t.store.acceptInvitation({ ...base, email: 'pas-une-adresse', password: 'un bon mot de passe' })).rejects.toMatchObject({ code: 'InvalidInput' });
    // The link was not spent by the refused attempts.
    await expect(t.store.acceptInvitation({ ...base, password: 'un bon mot de passe' })).resolves.toMatchObject({ role: 'equipe' });
  });

  test('only an active admin can invite', async () => {
    const equipe = await addPerson(t, 'equipe', 'Hugo', 'hugo@exemple.fr');
    await expect(t.store.createInvitation({ role: 'admin', invitedBy: equipe.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
  });
});

describe('login', () => {
  test('a wrong password or an unknown e-mail is refused the same way', async () => {
    await expect(t.store.verifyLogin({ email: 'alice@exemple.fr', password: 'pas le bon mot' })).rejects.toMatchObject({ code: 'InvalidCredentials' });
    await expect(t.store.verifyLogin({ email: 'inconnu@exemple.fr', password: 'pas le bon mot' })).rejects.toMatchObject({ code: 'InvalidCredentials' });
  });

  test('an unknown e-mail takes about as long to refuse as a wrong password', async () => {
    const time = async (email: string) => {
      const t0 = performance.now();
      await t.store.verifyLogin({ email, password: 'pas le bon mot' }).catch(() => undefined);
      return performance.now() - t0;
    };
    const known = Math.min(await time('alice@exemple.fr'), await time('alice@exemple.fr'));
    const unknown = Math.min(await time('inconnu@exemple.fr'), await time('inconnu@exemple.fr'));
    expect(unknown).toBeGreaterThan(known / 4);
  });
});

describe('people management', () => {
  test('a deactivated person cannot log in and loses their sessions', async () => {
    const bruno = await addPerson(t, 'equipe', 'Bruno', 'bruno@exemple.fr', 'le café du lundi');
    const { sessionId } = await t.store.createSession({ userId: bruno.person.id });
    expect((await t.store.getSession(sessionId))?.person.id).toBe(bruno.person.id);
    const summary = await t.store.deactivate({ userId: bruno.person.id, by: t.adminId });
    expect(summary.active).toBe(false);
    expect(await t.store.getSession(sessionId)).toBeUndefined();
    await expect(t.store.verifyLogin({ email: 'bruno@exemple.fr', password: 'le café du lundi' })).rejects.toMatchObject({ code: 'AccountDeactivated' });
    await expect(t.store.createSession({ userId: bruno.person.id })).rejects.toThrow(expect.objectContaining({ code: 'AccountDeactivated' }));
    await t.store.reactivate({ userId: bruno.person.id, by: t.adminId });
    await expect(t.store.verifyLogin({ email: 'bruno@exemple.fr', password: 'le café du lundi' })).resolves.toMatchObject({ role: 'equipe' });
  });

  test('the last active admin can be neither demoted nor deactivated', async () => {
    await expect(t.store.setRole({ userId: t.adminId, role: 'equipe', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'LastAdmin' }));
    await expect(t.store.deactivate({ userId: t.adminId, by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'LastAdmin' }));
    const second = await addPerson(t, 'admin', 'Bea', 'bea@exemple.fr');
    expect((await t.store.setRole({ userId: t.adminId, role: 'equipe', by: second.person.id })).role).toBe('equipe');
    await expect(t.store.deactivate({ userId: second.person.id, by: second.person.id })).rejects.toThrow(expect.objectContaining({ code: 'LastAdmin' }));
    expect(await t.store.hasAdmin()).toBe(true);
  });

  test('a role change applies to the open session at the next request', async () => {
    const hugo = await addPerson(t, 'contributeur', 'Hugo', 'hugo@exemple.fr');
    const { sessionId } = await t.store.createSession({ userId: hugo.person.id });
    await t.store.setRole({ userId: hugo.person.id, role: 'equipe', by: t.adminId });
    expect((await t.store.getSession(sessionId))?.role).toBe('equipe');
  });

  test('only an admin changes roles', async () => {
    const hugo = await addPerson(t, 'equipe', 'Hugo', 'hugo@exemple.fr');
    await expect(t.store.setRole({ userId: hugo.person.id, role: 'admin', by: hugo.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
    await expect(t.store.setRole({ userId: 'nobody', role: 'admin', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'PersonNotFound' }));
  });

  test('the list of people shows roles, activity and last visit', async () => {
    const hugo = await addPerson(t, 'contributeur', 'hugo', 'hugo@exemple.fr');
    t.clock.t += 3600_000;
    await t.store.createSession({ userId: hugo.person.id });
    expect(await t.store.listPeople()).toEqual([
      expect.objectContaining({ name: 'Alice Admin', role: 'admin', active: true, lastSeenAt: undefined }),
      { id: hugo.person.id, name: 'hugo', email: 'hugo@exemple.fr', role: 'contributeur', active: true, createdAt: t.clock.t - 3600_000, lastSeenAt: t.clock.t },
    ]);
  });

  test('a password reset link sets a new password once and logs out everywhere', async () => {
    const bruno = await addPerson(t, 'equipe', 'Bruno', 'bruno@exemple.fr', 'ancien mot de passe');
    const { sessionId } = await t.store.createSession({ userId: bruno.person.id });
    const { token } = await t.store.createPasswordReset({ userId: bruno.person.id, by: t.adminId });
    await t.store.resetPassword({ token, password: 'nouveau mot de passe' });
    expect(await t.store.getSession(sessionId)).toBeUndefined();
    await expect(t.store.verifyLogin({ email: 'bruno@exemple.fr', password: 'ancien mot de passe' })).rejects.toMatchObject({ code: 'InvalidCredentials' });
    await expect(t.store.verifyLogin({ email: 'bruno@exemple.fr', password: 'nouveau mot de passe' })).resolves.toMatchObject({ role: 'equipe' });
    await expect(t.store.resetPassword({ token, password: 'encore un autre' })).rejects.toMatchObject({ code: 'InvalidToken' });
    const late = await t.store.createPasswordReset({ userId: bruno.person.id, by: t.adminId, ttlMs: 1000 });
    t.clock.t += 1000;
    await expect(t.store.resetPassword({ token: late.token, password: 'trop tard pour ça' })).rejects.toMatchObject({ code: 'InvitationExpired' });
  });
});

describe('first admin', () => {
  test('the welcome link makes an admin once, and only while there is none', async () => {
    // The helper already used a welcome link to create Alice.
    expect(await t.store.hasAdmin()).toBe(true);
    expect(await t.store.createFirstAdminToken()).toBeUndefined();
  });

  test('welcome links printed at earlier starts keep working until an admin exists, then none does', async () => {
    const fresh = await createAccountStore({ store: await open(), now: () => t.clock.t });
    expect(await fresh.hasAdmin()).toBe(false);
    const first = await fresh.createFirstAdminToken();
    const second = await fresh.createFirstAdminToken();
    if (first === undefined || second === undefined) throw new Error('expected welcome links');
    const admin = await fresh.acceptInvitation({ token: first, name: 'Zoé', email: 'zoe@exemple.fr', password: 'première admin ici' });
    expect(admin.role).toBe('admin');
    await expect(fresh.acceptInvitation({ token: first, name: 'Yann', email: 'yann@exemple.fr', password: 'seconde tentative' })).rejects.toMatchObject({ code: 'InvalidToken' });
    await expect(fresh.acceptInvitation({ token: second, name: 'Yann', email: 'yann@exemple.fr', password: 'seconde tentative' })).rejects.toMatchObject({ code: 'InvalidToken' });
    expect(await fresh.createFirstAdminToken()).toBeUndefined();
    await fresh.close();
  });
});
});
