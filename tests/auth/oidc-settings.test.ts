/** Single sign-on settings and claim mapping: what the variables say, and what the claims give. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { profileFromClaims } from '../../server/auth/oidc-claims.ts';
import type { OidcSettings } from '../../server/auth/oidc-settings.ts';

const base = { GARE_OIDC_ISSUER: 'https://sso.exemple.fr/realms/mairie', GARE_OIDC_CLIENT_ID: 'gare' };

function load(env: Record<string, string>) {
  return loadConfig({ env, argv: [], cwd: '/tmp' });
}

function settings(env: Record<string, string> = {}): OidcSettings {
  const oidc = load({ ...base, ...env }).oidc;
  if (!oidc) throw new Error('no SSO settings');
  return oidc;
}

describe('single sign-on settings', () => {
  it('is off without an issuer, with local passwords on', () => {
    const config = load({});
    expect(config.oidc).toBeUndefined();
    expect(config.localLogin).toBe(true);
  });

  it('reads the defaults and the flags', () => {
    const config = loadConfig({ env: {}, argv: ['--oidc-issuer', base.GARE_OIDC_ISSUER, '--oidc-client-id=gare', '--local-login', 'off', '--oidc-label', 'ProConnect'], cwd: '/tmp' });
    expect(config.localLogin).toBe(false);
    expect(config.oidc).toMatchObject({ issuer: base.GARE_OIDC_ISSUER, clientId: 'gare', clientSecret: undefined, scopes: 'openid email profile', label: 'ProConnect', defaultRole: 'contributeur', trustEmail: false });
  });

  it.each([
    [{ GARE_OIDC_ISSUER: base.GARE_OIDC_ISSUER }, 'ensemble'],
    [{ GARE_LOCAL_LOGIN: 'off' }, 'personne ne pourrait se connecter'],
    [{ ...base, GARE_OIDC_ROLES: 'admin:gare-admin' }, 'GARE_OIDC_ROLE_CLAIM'],
    [{ ...base, GARE_OIDC_ROLE_CLAIM: 'roles', GARE_OIDC_ROLES: 'chef:gare-admin' }, 'rôle:valeur'],
    [{ ...base, GARE_OIDC_SCOPES: 'email profile' }, 'openid'],
    [{ ...base, GARE_OIDC_DEFAULT_ROLE: 'admin' }, 'GARE_OIDC_DEFAULT_ROLE'],
  ])('refuses an incomplete or unsafe setup: %j', (env, words) => {
    expect(() => load(env)).toThrow(words);
  });
});

describe('claims of the provider', () => {
  it('names a ProConnect agent from given_name and usual_name', () => {
    const profile = profileFromClaims({ claims: { sub: 'a1', given_name: 'Camille', usual_name: 'Durand', email: 'Camille.Durand@Mairie.example', siret: '123', uid: 'x' }, settings: settings() });
    expect(profile).toEqual({ subject: `${base.GARE_OIDC_ISSUER}|a1`, name: 'Camille Durand', email: 'camille.durand@mairie.example', emailVerified: false, role: undefined, groups: undefined });
  });

  it('takes the strongest mapped role, from a dotted claim, and the default otherwise', () => {
    const s = settings({ GARE_OIDC_ROLE_CLAIM: 'realm_access.roles', GARE_OIDC_ROLES: 'admin:gare-admin,equipe:gare-equipe,equipe:agents' });
    const claims = { sub: 'b', name: 'B', email: 'b@exemple.fr' };
    expect(profileFromClaims({ claims: { ...claims, realm_access: { roles: ['agents', 'gare-admin'] } }, settings: s }).role).toBe('admin');
    expect(profileFromClaims({ claims: { ...claims, realm_access: { roles: ['agents'] } }, settings: s }).role).toBe('equipe');
    expect(profileFromClaims({ claims, settings: s }).role).toBe('contributeur');
  });

  it('strips Keycloak’s leading slashes from groups, and trusts e-mails only when told', () => {
    const s = settings({ GARE_OIDC_GROUPS_CLAIM: 'groups', GARE_OIDC_TRUST_EMAIL: 'on' });
    const profile = profileFromClaims({ claims: { sub: 'c', name: 'C', email: 'c@exemple.fr', groups: ['/Accompagnement', 'Accompagnement', '/Sports/Piscines', 3] }, settings: s });
    expect(profile.groups).toEqual(['Accompagnement', 'Sports/Piscines']);
    expect(profile.emailVerified).toBe(true);
    expect(profileFromClaims({ claims: { sub: 'c', name: 'C', email: 'c@exemple.fr', email_verified: true }, settings: settings() }).emailVerified).toBe(true);
  });

  it('refuses claims without a usable e-mail, saying what the admin must change', () => {
    expect(() => profileFromClaims({ claims: { sub: 'd', name: 'D' }, settings: settings({ GARE_OIDC_LABEL: 'ProConnect' }) })).toThrow('ProConnect n’a pas transmis d’adresse e-mail valide');
  });
});
