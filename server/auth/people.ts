/** People: login check, the admin's list, roles and deactivation. */
import type { DatabaseSync } from 'node:sqlite';
import type { Person } from '../access/viewer.ts';
import { SetActiveSchema, SetRoleSchema, VerifyLoginSchema, type AccountRole } from './account-schemas.ts';
import { countOtherActiveAdmins, managePeople, findPerson, getPerson, requireActiveAdmin, toPerson, transaction, type PersonRow } from './account-db.ts';
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
export function createPeopleOps({ db }: { db: DatabaseSync }) {
  // Same scrypt cost as a real hash, so an unknown e-mail answers as slowly as a wrong password.
  const decoyHash = makeDecoyHash();

  /** Drops the sessions and unused reset links of an account, and the invitations it sent (a removed admin's links die with their access). */
  function revokeAccess(userId: string): void {
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    db.prepare('DELETE FROM tokens WHERE used_at IS NULL AND (user_id = ? OR created_by = ?)').run(userId, userId);
  }

  return {
    revokeAccess,

    /** Checks an e-mail and password; throws InvalidCredentials (never saying which was wrong) or AccountDeactivated. */
    async verifyLogin(input: { email: string; password: string }): Promise<Account> {
      const { email, password } = parseInput(VerifyLoginSchema, input);
      const row = db.prepare('SELECT * FROM people WHERE email = ?').get(email) as PersonRow | undefined;
      const ok = await verifyPassword(password, row?.password_hash ?? decoyHash);
      // Re-read: the account may have changed while scrypt ran.
      const current = row === undefined ? undefined : findPerson(db, row.id);
      if (!ok || current === undefined || current.password_hash !== row?.password_hash) {
        throw new InvalidCredentials('E-mail ou mot de passe incorrect. Vérifiez-les, ou demandez un lien de réinitialisation à un·e administrateur·ice.');
      }
      if (current.active !== 1) throw new AccountDeactivated('Ce compte a été désactivé. Adressez-vous à un·e administrateur·ice.');
      if (needsRehash(current.password_hash)) {
        const rehashed = await hashPassword(password);
        db.prepare('UPDATE people SET password_hash = ? WHERE id = ? AND password_hash = ?').run(rehashed, current.id, current.password_hash);
      }
      return { person: toPerson(current), role: current.role };
    },

    /** Everyone with an account, active or not, sorted by name. */
    listPeople(): PersonSummary[] {
      const rows = db.prepare('SELECT * FROM people ORDER BY name COLLATE NOCASE, email').all() as unknown as PersonRow[];
      return rows.map(toSummary);
    },

    /** Changes a role; refuses to demote the last active admin (LastAdmin). */
    setRole(input: { userId: string; role: AccountRole; by: string }): PersonSummary {
      const { userId, role, by } = parseInput(SetRoleSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const target = getPerson(db, userId);
        if (managePeople(target.role) && !managePeople(role) && target.active === 1 && countOtherActiveAdmins(db, userId) === 0) {
          throw new LastAdmin(lastAdminMessage);
        }
        db.prepare('UPDATE people SET role = ? WHERE id = ?').run(role, userId);
        if (target.role !== role) recordAudit(db, { actor: by, action: 'role.set', target: target.name, detail: `${target.role} → ${role}` });
        return toSummary(getPerson(db, userId));
      });
    },

    /** Deactivates an account and ends its sessions; its commits stay credited. Refuses for the last active admin. */
    deactivate(input: { userId: string; by: string }): PersonSummary {
      const { userId, by } = parseInput(SetActiveSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const target = getPerson(db, userId);
        if (managePeople(target.role) && target.active === 1 && countOtherActiveAdmins(db, userId) === 0) {
          throw new LastAdmin(lastAdminMessage);
        }
        db.prepare('UPDATE people SET active = 0 WHERE id = ?').run(userId);
        revokeAccess(userId);
        if (target.active === 1) recordAudit(db, { actor: by, action: 'person.deactivate', target: target.name });
        return toSummary(getPerson(db, userId));
      });
    },

    /** Gives a deactivated account its access back (with its old password). */
    reactivate(input: { userId: string; by: string }): PersonSummary {
      const { userId, by } = parseInput(SetActiveSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const target = getPerson(db, userId);
        db.prepare('UPDATE people SET active = 1 WHERE id = ?').run(userId);
        if (target.active !== 1) recordAudit(db, { actor: by, action: 'person.reactivate', target: target.name });
        return toSummary(getPerson(db, userId));
      });
    },

    /** True when at least one active admin exists. */
    hasAdmin(): boolean {
      return countOtherActiveAdmins(db, '') > 0;
    },
  };
}

/** The people operations. */
export type PeopleOps = ReturnType<typeof createPeopleOps>;
