/**
 * Accounts of single sign-on: the first login creates the account, later ones keep name, e-mail
 * and (when a role claim is configured) role in step with the provider.
 */
import { randomUUID } from 'node:crypto';
import { countOtherActiveAdmins, managePeople, getPerson, toPerson, type PersonRow } from './account-db.ts';
import type { Sql } from '../store/sql.ts';
import type { AccountRole } from './account-schemas.ts';
import { AccountDeactivated } from './auth-errors.ts';
import { recordAudit } from './audit-log.ts';
import { syncSsoGroups } from './groups.ts';
import { makeDecoyHash } from './password.ts';
import type { SsoProfile } from './oidc-claims.ts';
import { SsoRefused } from './oidc-errors.ts';
import type { Account } from './people.ts';

/** Options of `createSsoAccountOps`. */
export interface SsoAccountOptions {
  /** The accounts store. */
  sql: Sql;
  /** Clock (epoch ms). */
  now: () => number;
}

/** Options of `signInWithSso`. */
export interface SsoSignInOptions {
  /** What the provider says about the person. */
  profile: SsoProfile;
  /** Role of a brand-new account when the profile carries none. */
  defaultRole: AccountRole;
  /** Name of the provider, for messages. */
  label: string;
}

/** Single sign-on account operations over the accounts database. */
export function createSsoAccountOps({ sql, now }: SsoAccountOptions) {
  const byEmail = (tx: Sql, email: string) => tx.get<PersonRow>('SELECT * FROM people WHERE email = ?', [email]);

  /** The existing account of this identity, linking a same-e-mail account only when the provider vouches for the e-mail. */
  async function findAccount(tx: Sql, { profile, label }: SsoSignInOptions): Promise<PersonRow | undefined> {
    const known = await tx.get<PersonRow>('SELECT * FROM people WHERE sso_subject = ?', [profile.subject]);
    if (known !== undefined) return known;
    const sameEmail = await byEmail(tx, profile.email);
    if (sameEmail === undefined) return undefined;
    // An unverified e-mail could be anyone's: taking over an account by typing its address at the provider must fail.
    if (!profile.emailVerified || sameEmail.sso_subject !== null) {
      throw new SsoRefused(`Un compte de ce hub utilise déjà l’adresse ${profile.email}, et ${label} ne confirme pas qu’elle est la vôtre. Connectez-vous avec votre mot de passe, ou demandez à un·e administrateur·ice de relier les deux comptes.`);
    }
    await tx.run('UPDATE people SET sso_subject = ? WHERE id = ?', [profile.subject, sameEmail.id]);
    return getPerson(tx, sameEmail.id);
  }

  /** Creates the account of a first login (no usable password: a random hash nobody knows). */
  async function createAccount(tx: Sql, { profile, defaultRole }: SsoSignInOptions): Promise<PersonRow> {
    const id = randomUUID();
    await tx.run('INSERT INTO people (id, name, email, role, active, password_hash, created_at, sso_subject) VALUES (?, ?, ?, ?, 1, ?, ?, ?)', [
      id, profile.name, profile.email, profile.role ?? defaultRole, makeDecoyHash(), now(), profile.subject,
    ]);
    return getPerson(tx, id);
  }

  /** Brings an existing account in step with the provider; an e-mail taken by another account is left as it was. */
  async function refresh(tx: Sql, row: PersonRow, { profile, label }: SsoSignInOptions): Promise<PersonRow> {
    const taken = profile.email !== row.email && (await byEmail(tx, profile.email)) !== undefined;
    await tx.run('UPDATE people SET name = ?, email = ? WHERE id = ?', [profile.name, taken ? row.email : profile.email, row.id]);
    const role = profile.role;
    // No role claim: the role is the admin's to decide, and a manual promotion stays.
    const lastAdmin = managePeople(row.role) && (await countOtherActiveAdmins(tx, row.id)) === 0;
    if (role !== undefined && role !== row.role && !(lastAdmin && !managePeople(role))) {
      await tx.run('UPDATE people SET role = ? WHERE id = ?', [role, row.id]);
      await recordAudit(tx, { actor: { name: label }, action: 'role.set', target: profile.name, detail: `connexion unique : ${row.role} → ${role}`, at: now() });
    }
    return getPerson(tx, row.id);
  }

  return {
    /** The account of a single sign-on login, created or updated; throws AccountDeactivated or SsoRefused. */
    async signInWithSso(options: SsoSignInOptions): Promise<Account> {
      return sql.transaction(async (tx) => {
        const found = await findAccount(tx, options);
        if (found !== undefined && found.active !== 1) {
          throw new AccountDeactivated('Ce compte a été désactivé sur ce hub. Adressez-vous à un·e administrateur·ice.');
        }
        const row = found === undefined ? await createAccount(tx, options) : await refresh(tx, found, options);
        // Only with a groups claim configured: without one, memberships are the admin's alone.
        const groups = options.profile.groups;
        if (groups !== undefined) await syncSsoGroups(tx, { personId: row.id, names: groups }, now());
        return { person: toPerson(row), role: row.role };
      });
    },
  };
}

/** The single sign-on account operations. */
export type SsoAccountOps = ReturnType<typeof createSsoAccountOps>;
