/** People: login check, the admin's list, roles and deactivation. */
import type { Person } from '../access/viewer.ts';
import { SetActiveSchema, SetRoleSchema, VerifyLoginSchema, type AccountRole } from './account-schemas.ts';
import { countOtherActiveAdmins, managePeople, findPerson, getPerson, requireActiveAdmin, toPerson, type PersonRow } from './account-db.ts';
import type { Sql } from '../store/sql.ts';
import { hashPassword, makeDecoyHash, needsRehash, verifyPassword } from './password.ts';
import { parseInput } from './parse-input.ts';
import { AccountDeactivated, InvalidCredentials, LastAdmin } from './auth-errors.ts';
import { recordAudit } from './audit-log.ts';

/** An account and its role, as returned by login and invitation. */
export interface Account {
  /** The person (id, name, e-mail). */
  person: Person;
  /** Their role. */
  role: AccountRole;
}

/** A line of the admin's list of people. */
export interface PersonSummary extends Person {
  /** Current role. */
  role: AccountRole;
  /** False once deactivated. */
  active: boolean;
  /** Epoch ms of account creation. */
  createdAt: number;
  /** Epoch ms of the last login or request, if any. */
  lastSeenAt: number | undefined;
}

function toSummary(row: PersonRow): PersonSummary {
  const { id, name, email, role } = row;
  return { id, name, email, role, active: row.active === 1, createdAt: row.created_at, lastSeenAt: row.last_seen_at ?? undefined };
}

const lastAdminMessage =
  'Impossible : c’est le dernier compte administrateur actif. Nommez d’abord un·e autre administrateur·ice.';

/** People operations over the accounts database. */
export function createPeopleOps({ sql }: { sql: Sql }) {
  // Same scrypt cost as a real hash, so an unknown e-mail answers as slowly as a wrong password.
  const decoyHash = makeDecoyHash();

  /** Drops the sessions and unused reset links of an account, and the invitations it sent (a removed admin's links die with their access). */
  async function revokeAccess(userId: string, on: Sql = sql): Promise<void> {
    await on.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    await on.run('DELETE FROM tokens WHERE used_at IS NULL AND (user_id = ? OR created_by = ?)', [userId, userId]);
  }

  return {
    revokeAccess,

    /** Checks an e-mail and password; throws InvalidCredentials (never saying which was wrong) or AccountDeactivated. */
    async verifyLogin(input: { email: string; password: string }): Promise<Account> {
      const { email, password } = parseInput(VerifyLoginSchema, input);
      const row = await sql.get<PersonRow>('SELECT * FROM people WHERE email = ?', [email]);
      const ok = await verifyPassword(password, row?.password_hash ?? decoyHash);
      // Re-read: the account may have changed while scrypt ran.
      const current = row === undefined ? undefined : await findPerson(sql, row.id);
      if (!ok || current === undefined || current.password_hash !== row?.password_hash) {
        throw new InvalidCredentials('E-mail ou mot de passe incorrect. Vérifiez-les, ou demandez un lien de réinitialisation à un·e administrateur·ice.');
      }
      if (current.active !== 1) throw new AccountDeactivated('Ce compte a été désactivé. Adressez-vous à un·e administrateur·ice.');
      if (needsRehash(current.password_hash)) {
        const rehashed = await hashPassword(password);
        await sql.run('UPDATE people SET password_hash = ? WHERE id = ? AND password_hash = ?', [rehashed, current.id, current.password_hash]);
      }
      return { person: toPerson(current), role: current.role };
    },

    /** Everyone with an account, active or not, sorted by name. */
    async listPeople(): Promise<PersonSummary[]> {
      // lower(): both engines fold ASCII case the same way (SQLite's NOCASE is unknown to PostgreSQL).
      const rows = await sql.all<PersonRow>('SELECT * FROM people ORDER BY lower(name), email');
      return rows.map(toSummary);
    },

    /** Changes a role; refuses to demote the last active admin (LastAdmin). */
    async setRole(input: { userId: string; role: AccountRole; by: string }): Promise<PersonSummary> {
      const { userId, role, by } = parseInput(SetRoleSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const target = await getPerson(tx, userId);
        if (managePeople(target.role) && !managePeople(role) && target.active === 1 && (await countOtherActiveAdmins(tx, userId)) === 0) {
          throw new LastAdmin(lastAdminMessage);
        }
        await tx.run('UPDATE people SET role = ? WHERE id = ?', [role, userId]);
        if (target.role !== role) await recordAudit(tx, { actor: by, action: 'role.set', target: target.name, detail: `${target.role} → ${role}` });
        return toSummary(await getPerson(tx, userId));
      });
    },

    /** Deactivates an account and ends its sessions; its commits stay credited. Refuses for the last active admin. */
    async deactivate(input: { userId: string; by: string }): Promise<PersonSummary> {
      const { userId, by } = parseInput(SetActiveSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const target = await getPerson(tx, userId);
        if (managePeople(target.role) && target.active === 1 && (await countOtherActiveAdmins(tx, userId)) === 0) {
          throw new LastAdmin(lastAdminMessage);
        }
        await tx.run('UPDATE people SET active = 0 WHERE id = ?', [userId]);
        await revokeAccess(userId, tx);
        if (target.active === 1) await recordAudit(tx, { actor: by, action: 'person.deactivate', target: target.name });
        return toSummary(await getPerson(tx, userId));
      });
    },

    /** Gives a deactivated account its access back (with its old password). */
    async reactivate(input: { userId: string; by: string }): Promise<PersonSummary> {
      const { userId, by } = parseInput(SetActiveSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const target = await getPerson(tx, userId);
        await tx.run('UPDATE people SET active = 1 WHERE id = ?', [userId]);
        if (target.active !== 1) await recordAudit(tx, { actor: by, action: 'person.reactivate', target: target.name });
        return toSummary(await getPerson(tx, userId));
      });
    },

    /** True when at least one active admin exists. */
    async hasAdmin(): Promise<boolean> {
      return (await countOtherActiveAdmins(sql, '')) > 0;
    },
  };
}

/** The people operations. */
export type PeopleOps = ReturnType<typeof createPeopleOps>;
