/**
 * What is left to e-mail: notifications not yet handled by e-mail (`emailed_at` empty) and not
 * read in the hub, grouped by person and by each person's choice. `emailed_at` is set once a
 * notification is handled: sent, or dropped because its recipient may no longer read its target.
 */
import type { Sql } from '../store/sql.ts';
import type { EmailMode } from './mail-preferences.ts';

/** A person who receives e-mails. */
export interface MailRecipient {
  /** Account id. */
  id: string;
  /** Display name. */
  name: string;
  /** Address. */
  email: string;
}

/** Creates the outbox queries over the accounts store. */
export function createMailOutbox(sql: Sql) {
  return {
    /** An active account with its address, or undefined. */
    recipient: (userId: string): Promise<MailRecipient | undefined> => sql.get<MailRecipient>('SELECT id, name, email FROM people WHERE id = ? AND active = 1', [userId]),
    /** People with the given choice who have notifications left to e-mail, created at or after `since`. */
    async peopleWaiting(mode: EmailMode, since: number): Promise<string[]> {
      const rows = await sql.all<{ id: string }>(
        `SELECT DISTINCT n.user_id AS id FROM notifications n LEFT JOIN notification_settings s ON s.user_id = n.user_id
         WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at >= ? AND COALESCE(s.email_mode, 'immediate') = ?`,
        [since, mode],
      );
      return rows.map((r) => r.id);
    },
    /** Ids of a person's notifications left to e-mail, created at or after `since`, oldest first. */
    async pendingOf(userId: string, since: number): Promise<number[]> {
      const rows = await sql.all<{ id: number }>('SELECT id FROM notifications WHERE user_id = ? AND emailed_at IS NULL AND read_at IS NULL AND created_at >= ? ORDER BY created_at, id', [userId, since]);
      return rows.map((r) => Number(r.id));
    },
    /** Marks notifications handled by e-mail (sent or dropped). */
    async markHandled(ids: readonly number[], at: number): Promise<void> {
      for (const id of ids) await sql.run('UPDATE notifications SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL', [at, id]);
    },
    /** Records when a person's digest was sent. */
    async markDigest(userId: string, at: number): Promise<void> {
      await sql.run('INSERT INTO notification_settings (user_id, last_digest_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_digest_at = excluded.last_digest_at', [userId, at]);
    },
  };
}

/** The outbox queries. */
export type MailOutbox = ReturnType<typeof createMailOutbox>;
