/**
 * What is left to e-mail: notifications not yet handled by e-mail (`emailed_at` empty) and not
 * read in the hub, grouped by person and by each person's choice. `emailed_at` is set once a
 * notification is handled: sent, or dropped because its recipient may no longer read its target.
 */
import type { DatabaseSync } from 'node:sqlite';
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

/** Creates the outbox queries over the accounts database. */
export function createMailOutbox(db: DatabaseSync) {
  const recipient = db.prepare('SELECT id, name, email FROM people WHERE id = ? AND active = 1');
  const people = db.prepare(
    `SELECT DISTINCT n.user_id AS id FROM notifications n LEFT JOIN notification_settings s ON s.user_id = n.user_id
     WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at >= ? AND COALESCE(s.email_mode, 'immediate') = ?`,
  );
  const pending = db.prepare('SELECT id FROM notifications WHERE user_id = ? AND emailed_at IS NULL AND read_at IS NULL AND created_at >= ? ORDER BY created_at, id');
  const handled = db.prepare('UPDATE notifications SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL');
  const digested = db.prepare('INSERT INTO notification_settings (user_id, last_digest_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_digest_at = excluded.last_digest_at');
  return {
    /** An active account with its address, or undefined. */
    recipient: (userId: string): MailRecipient | undefined => recipient.get(userId) as MailRecipient | undefined,
    /** People with the given choice who have notifications left to e-mail, created at or after `since`. */
    peopleWaiting: (mode: EmailMode, since: number): string[] => (people.all(since, mode) as { id: string }[]).map((r) => r.id),
    /** Ids of a person's notifications left to e-mail, created at or after `since`, oldest first. */
    pendingOf: (userId: string, since: number): number[] => (pending.all(userId, since) as { id: number }[]).map((r) => Number(r.id)),
    /** Marks notifications handled by e-mail (sent or dropped). */
    markHandled(ids: readonly number[], at: number): void {
      for (const id of ids) handled.run(at, id);
    },
    /** Records when a person's digest was sent. */
    markDigest: (userId: string, at: number): void => void digested.run(userId, at),
  };
}

/** The outbox queries. */
export type MailOutbox = ReturnType<typeof createMailOutbox>;
