/** Single sign-on settings: the GARE_OIDC_* variables turned into what the login flow needs. */
import type { RawConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { AccountRole } from './account-schemas.ts';

/** How the hub talks to its OpenID Connect provider and reads its claims. */
export interface OidcSettings {
  /** Issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** Client id at the provider. */
  clientId: string;
  /** Client secret; undefined for a public client. */
  clientSecret: string | undefined;
  /** Scopes, space-separated. */
  scopes: string;
  /** Provider name on the login button. */
  label: string;
  /** Claim names (dotted paths reach into objects, e.g. `realm_access.roles`). */
  claims: { name: string; email: string; role: string | undefined; groups: string | undefined };
  /** Claim values that give a role; the strongest match wins. */
  roleValues: { value: string; role: AccountRole }[];
  /** Role of a new account, and of anyone whose role claim matches no value. */
  defaultRole: AccountRole;
  /** True when the provider's e-mails count as verified even without `email_verified`. */
  trustEmail: boolean;
}

const mappable: readonly AccountRole[] = ['contributeur', 'equipe', 'admin'];

/** Parses `admin:gare-admin,equipe:gare-equipe` (a role may appear several times). */
export function parseRoleValues(text: string | undefined): OidcSettings['roleValues'] {
  if (text === undefined) return [];
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const colon = entry.indexOf(':');
    const role = entry.slice(0, colon).trim() as AccountRole;
    const value = entry.slice(colon + 1).trim();
    if (colon <= 0 || value === '' || !mappable.includes(role)) {
      throw new ConfigError(`Configuration invalide : GARE_OIDC_ROLES=${JSON.stringify(text)} — écrivez rôle:valeur séparés par des virgules, par exemple admin:gare-admin,equipe:gare-equipe (rôles : ${mappable.join(', ')}).`);
    }
    return { value, role };
  });
}

/** The single sign-on part of the resolved configuration; throws ConfigError on an incomplete setup. */
export function readSsoConfig(c: RawConfig): { oidc?: OidcSettings; localLogin: boolean } {
  const localLogin = c.GARE_LOCAL_LOGIN === 'on';
  if (c.GARE_OIDC_ISSUER === undefined || c.GARE_OIDC_CLIENT_ID === undefined) {
    if (c.GARE_OIDC_ISSUER !== undefined || c.GARE_OIDC_CLIENT_ID !== undefined) {
      throw new ConfigError('Configuration invalide : la connexion unique demande GARE_OIDC_ISSUER et GARE_OIDC_CLIENT_ID ensemble (voir « Connexion unique (SSO) » dans le README).');
    }
    if (!localLogin) {
      throw new ConfigError('Configuration invalide : GARE_LOCAL_LOGIN=off sans GARE_OIDC_ISSUER — personne ne pourrait se connecter. Configurez la connexion unique ou laissez GARE_LOCAL_LOGIN=on.');
    }
    return { localLogin };
  }
  const roleValues = parseRoleValues(c.GARE_OIDC_ROLES);
  if (roleValues.length > 0 && c.GARE_OIDC_ROLE_CLAIM === undefined) {
    throw new ConfigError('Configuration invalide : GARE_OIDC_ROLES sans GARE_OIDC_ROLE_CLAIM — indiquez la revendication (claim) qui porte ces valeurs, par exemple GARE_OIDC_ROLE_CLAIM=roles.');
  }
  if (!c.GARE_OIDC_SCOPES.split(/\s+/).includes('openid')) {
    throw new ConfigError(`Configuration invalide : GARE_OIDC_SCOPES=${JSON.stringify(c.GARE_OIDC_SCOPES)} — ajoutez le scope openid.`);
  }
  return {
    localLogin,
    oidc: {
      issuer: c.GARE_OIDC_ISSUER,
      clientId: c.GARE_OIDC_CLIENT_ID,
      clientSecret: c.GARE_OIDC_CLIENT_SECRET,
      scopes: c.GARE_OIDC_SCOPES.trim(),
      label: c.GARE_OIDC_LABEL,
      claims: { name: c.GARE_OIDC_NAME_CLAIM, email: c.GARE_OIDC_EMAIL_CLAIM, role: c.GARE_OIDC_ROLE_CLAIM, groups: c.GARE_OIDC_GROUPS_CLAIM },
      roleValues,
      defaultRole: c.GARE_OIDC_DEFAULT_ROLE,
      trustEmail: c.GARE_OIDC_TRUST_EMAIL === 'on',
    },
  };
}
