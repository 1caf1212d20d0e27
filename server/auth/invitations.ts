/** One-time links: invitations, the first admin's welcome link, and password resets. */
import { randomUUID } from 'node:crypto';
import { InvalidInput } from '../errors.ts';
import { z } from 'zod';
import { AcceptInvitationSchema, CreateInvitationSchema, CreatePasswordResetSchema, ResetPasswordSchema, type AccountRole } from './account-schemas.ts';
import { getPerson, requireActiveAdmin, toPerson } from './account-db.ts';
import type { Sql } from '../store/sql.ts';
import { recordAudit } from './audit-log.ts';
import { AccountDeactivated, EmailTaken, InvalidToken, InvitationExpired } from './auth-errors.ts';
import { checkPasswordStrength, parseInput } from './parse-input.ts';
import { hashPassword } from './password.ts';
import type { Account } from './people.ts';
import { hashToken, looksLikeToken, newToken } from './tokens.ts';

const ActorSchema = z.object({ by: z.string().min(1).max(100) });
const RevokeInvitationSchema = z.object({
  /** Id from `listInvitations`. */
  id: z.string({ error: 'Invitation non précisée : rechargez la liste.' }).regex(/^[A-Za-z0-9_-]{43}$/, { error: 'Invitation inconnue : rechargez la liste.' }),
  /** Id of the admin who revokes it. */
  by: z.string().min(1).max(100),
});

type TokenKind = 'invitation' | 'first-admin' | 'reset';
interface TokenRow {
  hash: string;
  kind: TokenKind;
  role: AccountRole | null;
  email: string | null;
  user_id: string | null;
  expires_at: number;
  used_at: number | null;
}

/** A link to hand out: the token goes in the URL, and it stops working at `expiresAt`. */
export interface IssuedLink {
  /** Secret token; only its SHA-256 is stored. */
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

const unknownLink = 'Lien inconnu ou déjà utilisé : demandez un nouveau lien à un·e administrateur·ice.';

/** A pending invitation, as the admin's list shows it (the link itself is never shown again). */
export interface PendingInvitation {
  /** Stable id to revoke it by: the stored SHA-256 of the token, which does not give the token back. */
  id: string;
  /** Role the invited person will get. */
  role: AccountRole;
  /** The only e-mail allowed to use it, if one was given. */
  email: string | undefined;
  /** Name of the admin who created it (undefined when that account is gone). */
  invitedBy: string | undefined;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** Link operations over the accounts database. */
export function createInvitationOps({ sql, now, hasAdmin }: { sql: Sql; now: () => number; hasAdmin: () => Promise<boolean> }) {
  async function issue(kind: TokenKind, ttlMs: number, fields: { role?: AccountRole; email?: string; userId?: string; by?: string }): Promise<IssuedLink> {
    const token = newToken();
    const t = now();
    await sql.run('INSERT INTO tokens (hash, kind, role, email, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      hashToken(token), kind, fields.role ?? null, fields.email ?? null, fields.userId ?? null, fields.by ?? null, t, t + ttlMs,
    ]);
    return { token, expiresAt: t + ttlMs };
  }

  /** The unused, unexpired link row of `token`, else InvalidToken / InvitationExpired. */
  async function lookup(token: string, kinds: readonly TokenKind[]): Promise<TokenRow> {
    const row = looksLikeToken(token) ? await sql.get<TokenRow>('SELECT * FROM tokens WHERE hash = ?', [hashToken(token)]) : undefined;
    if (row === undefined || row.used_at !== null || !kinds.includes(row.kind)) throw new InvalidToken(unknownLink);
    if (row.expires_at <= now()) throw new InvitationExpired('Ce lien a expiré : demandez-en un nouveau à un·e administrateur·ice.');
    // The welcome link only bootstraps an empty hub: once an admin exists it is dead.
    if (row.kind === 'first-admin' && (await hasAdmin())) throw new InvalidToken(unknownLink);
    return row;
  }

  async function checkNewAccount(row: TokenRow, email: string): Promise<void> {
    if (row.email !== null && row.email !== email) {
      throw new InvalidInput('Cette invitation est destinée à une autre adresse e-mail : utilisez celle à laquelle vous l’avez reçue.');
    }
    if ((await sql.get('SELECT 1 AS one FROM people WHERE email = ?', [email])) !== undefined) {
      throw new EmailTaken('Un compte existe déjà avec cette adresse e-mail : connectez-vous, ou demandez une réinitialisation du mot de passe.');
    }
  }

  return {
    /** Creates an invitation link for a role; only an active admin may invite. */
    async createInvitation(input: { role: AccountRole; invitedBy: string; email?: string; ttlMs?: number }): Promise<IssuedLink> {
      const { role, invitedBy, email, ttlMs } = parseInput(CreateInvitationSchema, input);
      await requireActiveAdmin(sql, invitedBy);
      if (email !== undefined && (await sql.get('SELECT 1 AS one FROM people WHERE email = ?', [email])) !== undefined) {
        throw new EmailTaken('Cette personne a déjà un compte : changez son rôle dans la liste des personnes.');
      }
      const link = await issue('invitation', ttlMs, { role, by: invitedBy, ...(email === undefined ? {} : { email }) });
      await recordAudit(sql, { actor: invitedBy, action: 'invitation.create', target: email ?? 'invitation sans adresse', detail: `rôle ${role}`, at: now() });
      return link;
    },

    /** Creates the account of an invitation (or of the welcome link); each link works once. */
    async acceptInvitation(input: { token: string; name: string; email: string; password: string }): Promise<Account> {
      const { token, name, email, password } = parseInput(AcceptInvitationSchema, input);
      checkPasswordStrength({ password, email, name });
      await checkNewAccount(await lookup(token, ['invitation', 'first-admin']), email);
      const passwordHash = await hashPassword(password);
      return sql.transaction(async (tx) => {
        // Checked again: another request may have used the link while scrypt ran.
        const row = await lookup(token, ['invitation', 'first-admin']);
        await checkNewAccount(row, email);
        const id = randomUUID();
        const role: AccountRole = row.kind === 'first-admin' ? 'admin' : (row.role ?? 'contributeur');
        await tx.run('INSERT INTO people (id, name, email, role, active, password_hash, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [
          id, name, email, role, passwordHash, now(),
        ]);
        await tx.run('UPDATE tokens SET used_at = ?, user_id = ? WHERE hash = ?', [now(), id, row.hash]);
        return { person: toPerson(await getPerson(tx, id)), role };
      });
    },

    /** The welcome link's token while the hub has no admin, else undefined. Each call issues a new token; earlier ones keep working until an admin exists. */
    async createFirstAdminToken(input: { ttlMs?: number } = {}): Promise<string | undefined> {
      if (await hasAdmin()) return undefined;
      await sql.run("DELETE FROM tokens WHERE kind = 'first-admin' AND expires_at <= ?", [now()]);
      return (await issue('first-admin', input.ttlMs ?? 30 * 24 * 3600 * 1000, {})).token;
    },

    /** Creates a password-reset link for an active account (admin only); earlier unused links of that account die. */
    async createPasswordReset(input: { userId: string; by: string; ttlMs?: number }): Promise<IssuedLink> {
      const { userId, by, ttlMs } = parseInput(CreatePasswordResetSchema, input);
      await requireActiveAdmin(sql, by);
      if ((await getPerson(sql, userId)).active !== 1) throw new AccountDeactivated('Ce compte est désactivé : réactivez-le avant de réinitialiser son mot de passe.');
      await sql.run("DELETE FROM tokens WHERE kind = 'reset' AND user_id = ? AND used_at IS NULL", [userId]);
      return issue('reset', ttlMs, { userId, by });
    },

    /** Unused, unexpired invitations, newest first (admin only). */
    async listInvitations(input: { by: string }): Promise<PendingInvitation[]> {
      const { by } = parseInput(ActorSchema, input);
      await requireActiveAdmin(sql, by);
      const rows = await sql.all<Pick<TokenRow, 'hash' | 'email' | 'expires_at'> & { role: AccountRole; created_at: number; by_name: string | null }>(
        `SELECT t.hash, t.role, t.email, t.created_at, t.expires_at, p.name AS by_name FROM tokens t LEFT JOIN people p ON p.id = t.created_by
         WHERE t.kind = 'invitation' AND t.used_at IS NULL AND t.expires_at > ? ORDER BY t.created_at DESC, t.hash`,
        [now()],
      );
      return rows.map((r) => ({ id: r.hash, role: r.role, email: r.email ?? undefined, invitedBy: r.by_name ?? undefined, createdAt: r.created_at, expiresAt: r.expires_at }));
    },

    /** Revokes a pending invitation (admin only): its link stops working at once. Unknown or already used: InvalidToken. */
    async revokeInvitation(input: { id: string; by: string }): Promise<PendingInvitation> {
      const { id, by } = parseInput(RevokeInvitationSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const row = await tx.get<TokenRow & { created_at: number }>("SELECT * FROM tokens WHERE hash = ? AND kind = 'invitation' AND used_at IS NULL", [id]);
        if (row === undefined) throw new InvalidToken('Invitation introuvable : elle a peut-être déjà été utilisée ou révoquée. Rechargez la liste.');
        await tx.run('DELETE FROM tokens WHERE hash = ?', [id]);
        const email = row.email ?? undefined;
        await recordAudit(tx, { actor: by, action: 'invitation.revoke', target: email ?? 'invitation sans adresse', detail: `rôle ${row.role ?? 'contributeur'}`, at: now() });
        return { id, role: row.role ?? 'contributeur', email, invitedBy: undefined, createdAt: row.created_at, expiresAt: row.expires_at };
      });
    },

    /** Sets a new password from a reset link and ends every session of the account. */
    async resetPassword(input: { token: string; password: string }): Promise<Account> {
      const { token, password } = parseInput(ResetPasswordSchema, input);
      const target = await getPerson(sql, (await lookup(token, ['reset'])).user_id ?? '');
      checkPasswordStrength({ password, email: target.email, name: target.name });
      const passwordHash = await hashPassword(password);
      return sql.transaction(async (tx) => {
        const row = await lookup(token, ['reset']);
        const person = await getPerson(tx, row.user_id ?? '');
        if (person.active !== 1) throw new AccountDeactivated('Ce compte a été désactivé. Adressez-vous à un·e administrateur·ice.');
        await tx.run('UPDATE people SET password_hash = ? WHERE id = ?', [passwordHash, person.id]);
        await tx.run('UPDATE tokens SET used_at = ? WHERE hash = ?', [now(), row.hash]);
        await tx.run('DELETE FROM sessions WHERE user_id = ?', [person.id]);
        return { person: toPerson(person), role: person.role };
      });
    },
  };
}

/** The link operations. */
export type InvitationOps = ReturnType<typeof createInvitationOps>;
