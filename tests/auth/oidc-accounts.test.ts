/** Accounts of single sign-on: created at the first login, kept in step, never taken over by e-mail. */
import { describe, expect, it } from 'vitest';
import type { SsoProfile } from '../../server/auth/oidc-claims.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { useTestStore } from './helpers.ts';

describeEachStore('single sign-on', (open) => {
const t = useTestStore(open);

const issuer = 'https://sso.exemple.fr/realms/mairie';

function profile(overrides: Partial<SsoProfile> = {}): SsoProfile {
  return { subject: `${issuer}|u1`, name: 'Lina Moreau', email: 'lina@mairie.example', emailVerified: false, role: undefined, groups: undefined, ...overrides };
}

function signIn(p: SsoProfile) {
  return t.store.signInWithSso({ profile: p, defaultRole: 'contributeur', label: 'Keycloak' });
}

describe('single sign-on accounts', () => {
  it('creates the account with the default role and no usable password', async () => {
    const account = await signIn(profile());
    expect(account).toMatchObject({ person: { name: 'Lina Moreau', email: 'lina@mairie.example' }, role: 'contributeur' });
    await expect(t.store.verifyLogin({ email: 'lina@mairie.example', password: '' })).rejects.toMatchObject({ code: 'InvalidCredentials' });
  });

  it('keeps an admin’s promotion when no role claim is configured, and follows name and e-mail', async () => {
    const first = await signIn(profile());
    await t.store.setRole({ userId: first.person.id, role: 'equipe', by: t.adminId });
    const again = await signIn(profile({ name: 'Lina Moreau-Petit', email: 'lina.moreau@mairie.example' }));
    expect(again).toEqual({ person: { id: first.person.id, name: 'Lina Moreau-Petit', email: 'lina.moreau@mairie.example' }, role: 'equipe' });
  });

  it('lets the role claim decide when it is configured, but never demotes the last admin', async () => {
    const first = await signIn(profile({ role: 'admin' }));
    expect(first.role).toBe('admin');
    expect((await signIn(profile({ role: 'equipe' }))).role).toBe('equipe');
    // Alice, the only other admin, is demoted: Lina is then the last one and keeps the role.
    await signIn(profile({ role: 'admin' }));
    await t.store.setRole({ userId: t.adminId, role: 'equipe', by: first.person.id });
    expect((await signIn(profile({ role: 'contributeur' }))).role).toBe('admin');
  });

  it('refuses to take over a local account by an unverified e-mail, and links it when verified', async () => {
    await expect(signIn(profile({ email: 'alice@exemple.fr' }))).rejects.toThrow(expect.objectContaining({ code: 'SsoRefused' }));
    const linked = await signIn(profile({ email: 'alice@exemple.fr', emailVerified: true }));
    expect(linked.person.id).toBe(t.adminId);
    expect(linked.role).toBe('admin');
    // Another identity with the same e-mail is refused: the account is already linked.
    await expect(signIn(profile({ subject: `${issuer}|u2`, email: 'alice@exemple.fr', emailVerified: true }))).rejects.toThrow(expect.objectContaining({ code: 'SsoRefused' }));
  });

  it('refuses a deactivated account', async () => {
    const first = await signIn(profile());
    await t.store.deactivate({ userId: first.person.id, by: t.adminId });
    await expect(signIn(profile())).rejects.toThrow(expect.objectContaining({ code: 'AccountDeactivated' }));
  });

  it('keeps the e-mail when the provider’s new one belongs to another account', async () => {
    const first = await signIn(profile());
    expect((await signIn(profile({ email: 'alice@exemple.fr' }))).person.email).toBe(first.person.email);
  });
});
});
