/** What the provider's claims say about a person: name, e-mail, role and groups, per the settings. */
import { EmailSchema, NameSchema, type AccountRole } from './account-schemas.ts';
import { SsoRefused } from './oidc-errors.ts';
import type { OidcSettings } from './oidc-settings.ts';

/** A person as the identity provider describes them. */
export interface SsoProfile {
  /** `issuer|sub`: the stable identity, whatever the e-mail becomes. */
  subject: string;
  /** Display name. */
  name: string;
  /** E-mail, lower-cased. */
  email: string;
  /** True when the provider vouches for the e-mail (`email_verified`, or GARE_OIDC_TRUST_EMAIL=on). */
  emailVerified: boolean;
  /** Role from the role claim; undefined when no role claim is configured (the admin decides). */
  role: AccountRole | undefined;
  /** Group names from the groups claim; undefined when no groups claim is configured. */
  groups: string[] | undefined;
}

const strength: readonly AccountRole[] = ['contributeur', 'equipe', 'admin'];

/** A claim by dotted path (`realm_access.roles`); a flat claim whose name holds a dot wins. */
export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function nameOf(claims: Record<string, unknown>, settings: OidcSettings, email: string): string {
  const given = text(claims['given_name']);
  // ProConnect gives `usual_name` (the name in use), Keycloak and most others `family_name`.
  const family = text(claims['usual_name']) ?? text(claims['family_name']);
  const joined = [given, family].filter((p) => p !== undefined).join(' ');
  const name = text(readClaim(claims, settings.claims.name)) ?? (joined === '' ? undefined : joined) ?? email.split('@')[0] ?? email;
  return NameSchema.parse(name.slice(0, 80));
}

function roleOf(claims: Record<string, unknown>, settings: OidcSettings): AccountRole | undefined {
  if (settings.claims.role === undefined) return undefined;
  const values = new Set(strings(readClaim(claims, settings.claims.role)));
  const matched = settings.roleValues.filter((m) => values.has(m.value)).map((m) => strength.indexOf(m.role));
  return strength[Math.max(strength.indexOf(settings.defaultRole), ...matched)];
}

function groupsOf(claims: Record<string, unknown>, settings: OidcSettings): string[] | undefined {
  if (settings.claims.groups === undefined) return undefined;
  // Keycloak's group mapper gives full paths (`/Direction des sports`) unless told otherwise.
  const names = strings(readClaim(claims, settings.claims.groups)).map((g) => g.replace(/^\/+/, '').trim().slice(0, 100));
  return [...new Set(names.filter((g) => g !== ''))].slice(0, 500);
}

/** Reads a profile from ID token and userinfo claims; throws SsoRefused without a usable e-mail. */
export function profileFromClaims({ claims, settings }: { claims: Record<string, unknown>; settings: OidcSettings }): SsoProfile {
  const sub = text(claims['sub']);
  if (sub === undefined) throw new SsoRefused('Le fournisseur d’identité n’a pas donné d’identifiant (sub). Réessayez, ou signalez-le à un·e administrateur·ice.');
  const email = EmailSchema.safeParse(readClaim(claims, settings.claims.email));
  if (!email.success) {
    throw new SsoRefused(`${settings.label} n’a pas transmis d’adresse e-mail valide. Un·e administrateur·ice doit demander le scope « email » (GARE_OIDC_SCOPES) ou corriger GARE_OIDC_EMAIL_CLAIM.`);
  }
  return {
    subject: `${settings.issuer}|${sub}`,
    name: nameOf(claims, settings, email.data),
    email: email.data,
    emailVerified: settings.trustEmail || claims['email_verified'] === true || claims['email_verified'] === 'true',
    role: roleOf(claims, settings),
    groups: groupsOf(claims, settings),
  };
}
