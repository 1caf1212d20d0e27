import { expect, test } from 'vitest';
import { createLogin } from '../../server/auth/login.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { useTestStore } from './helpers.ts';

const right = { email: 'alice@exemple.fr', password: 'phrase secrète alice', ip: '203.0.113.7' };
const wrong = { ...right, password: 'mauvaise devinette' };

describeEachStore('login', (open) => {
  const t = useTestStore(open);

  test('a successful login issues a fresh session every time and ends the one the browser had', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t });
    const first = await login(right);
    expect(first).toMatchObject({ role: 'admin', person: { email: 'alice@exemple.fr' } });
    const second = await login({ ...right, previousSessionId: first.session.sessionId });
    expect(second.session.sessionId).not.toBe(first.session.sessionId);
    expect(await t.store.getSession(first.session.sessionId)).toBeUndefined();
    expect(await t.store.getSession(second.session.sessionId)).toBeDefined();
  });

  test('a wrong password is refused, then the account is locked for this address after 5 failures', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t });
    for (let i = 0; i < 5; i++) await expect(login(wrong)).rejects.toMatchObject({ code: 'InvalidCredentials' });
    await expect(login(right)).rejects.toMatchObject({ code: 'TooManyRequests', message: expect.stringMatching(/15 minutes/) });
    // Another address is not locked out by this one.
    await expect(login({ ...right, ip: '198.51.100.1' })).resolves.toMatchObject({ role: 'admin' });
    t.clock.t += 15 * 60 * 1000;
    await expect(login(right)).resolves.toMatchObject({ role: 'admin' });
  });

  test('a burst of parallel guesses is cut at the limit before any hash is computed', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => login(wrong)));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'InvalidCredentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TooManyRequests')).toHaveLength(3);
  });

  test('a success clears earlier failures', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t });
    for (let i = 0; i < 4; i++) await login(wrong).catch(() => undefined);
    await login(right);
    for (let i = 0; i < 4; i++) await expect(login(wrong)).rejects.toMatchObject({ code: 'InvalidCredentials' });
  });

  test('one address trying many e-mails is stopped by the per-address limit', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t, perIp: { max: 3, windowMs: 60_000 } });
    for (const email of ['a@exemple.fr', 'b@exemple.fr', 'c@exemple.fr']) {
      await expect(login({ ...wrong, email })).rejects.toMatchObject({ code: 'InvalidCredentials' });
    }
    await expect(login({ ...right })).rejects.toMatchObject({ code: 'TooManyRequests' });
  });

  test('successful logins from a shared address do not use up its budget', async () => {
    const { login } = createLogin({ store: t.store, now: () => t.clock.t, perIp: { max: 2, windowMs: 60_000 } });
    for (let i = 0; i < 4; i++) await expect(login(right)).resolves.toMatchObject({ role: 'admin' });
  });
});
