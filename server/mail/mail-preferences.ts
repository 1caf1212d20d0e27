/**
 * Each person's e-mail choice (`notification_settings.email_mode`: immediate by default, a daily
 * digest, or none) and their unsubscribe link. The link's token is derived from a key kept in the
 * data folder (HMAC of the person's id), so every e-mail carries the same working link; the
 * database keeps only its hash, to find the person — a copy of the database unsubscribes nobody.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { hashToken, looksLikeToken } from '../auth/tokens.ts';
import type { Viewer } from '../access/viewer.ts';
import { GareError } from '../errors.ts';
import type { Sql } from '../store/sql.ts';

/** An unsubscribe link that names nobody (mistyped, cut by the mail reader, or from another hub). */
export class UnsubscribeLinkInvalid extends GareError {
  override readonly code = 'UnsubscribeLinkInvalid';
  override readonly status = 404;
}

/** How a person receives e-mails: one per notification, one digest a day, or none. */
export const EmailModeSchema = z.enum(['immediate', 'digest', 'off'], { error: 'Choix inconnu : choisissez « à chaque notification », « un résumé par jour » ou « aucun e-mail ».' });
/** An e-mail mode. */
export type EmailMode = z.infer<typeof EmailModeSchema>;

/** A person's choice (`immediate` when never set). */
export async function emailModeOf(sql: Sql, userId: string): Promise<EmailMode> {
  const row = await sql.get<{ email_mode: EmailMode }>('SELECT email_mode FROM notification_settings WHERE user_id = ?', [userId]);
  return row?.email_mode ?? 'immediate';
}

/** The viewer's own e-mail setting for /compte; undefined for a visitor or when the hub sends no e-mail. */
export async function ownEmailSettings({ sql, viewer, enabled }: { sql: Sql | undefined; viewer: Viewer; enabled: boolean }): Promise<{ mode: EmailMode } | undefined> {
  if (!enabled || !sql || !viewer.person) return undefined;
  return { mode: await emailModeOf(sql, viewer.person.id) };
}

/** Reads the key of unsubscribe links from `file`, creating it (readable by the server only) the first time. */
export function loadMailKey(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Clé des e-mails illisible : ${file}`, { cause: error });
    const key = randomBytes(32);
    // `wx`: two hubs started at once on one folder must not each write their own key.
    try {
      writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return readFileSync(file);
    }
  }
}

/** Options of createMailPreferences. */
export interface MailPreferencesOptions {
  /** The accounts store. */
  sql: Sql;
  /** File of the key of unsubscribe tokens, read (or created) on first use. */
  keyFile: string;
}

/** Creates the e-mail preferences store. */
export function createMailPreferences({ sql, keyFile }: MailPreferencesOptions) {
  let key: Buffer | undefined;
  const setModeQuery = (userId: string, mode: EmailMode) =>
    sql.run('INSERT INTO notification_settings (user_id, email_mode) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET email_mode = excluded.email_mode', [userId, mode]);
  const personOfToken = (token: string): Promise<{ id: string; name: string } | undefined> =>
    looksLikeToken(token)
      ? sql.get<{ id: string; name: string }>('SELECT s.user_id AS id, p.name AS name FROM notification_settings s JOIN people p ON p.id = s.user_id WHERE s.unsubscribe_hash = ?', [hashToken(token)])
      : Promise.resolve(undefined);
  return {
    /** A person's choice (`immediate` when never set). */
    modeOf: (userId: string): Promise<EmailMode> => emailModeOf(sql, userId),
    /** Records a person's choice. */
    async setMode({ userId, mode }: { userId: string; mode: EmailMode }): Promise<void> {
      await setModeQuery(userId, EmailModeSchema.parse(mode));
    },
    /** The person's unsubscribe token (the same in every e-mail); its hash is stored to find them. */
    async unsubscribeToken(userId: string): Promise<string> {
      const token = createHmac('sha256', (key ??= loadMailKey(keyFile))).update(`unsubscribe:${userId}`).digest('base64url');
      await sql.run('INSERT INTO notification_settings (user_id, unsubscribe_hash) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET unsubscribe_hash = excluded.unsubscribe_hash', [userId, hashToken(token)]);
      return token;
    },
    /** Turns e-mails off for the owner of an unsubscribe token; returns their name. */
    async unsubscribe(token: string): Promise<{ id: string; name: string }> {
      const person = await personOfToken(token);
      if (!person) throw new UnsubscribeLinkInvalid('Ce lien de désabonnement n’est pas reconnu : copiez-le en entier depuis l’e-mail, ou connectez-vous et choisissez « Aucun e-mail » sur votre page « Mon compte ».');
      await setModeQuery(person.id, 'off');
      return person;
    },
    /** Who an unsubscribe token belongs to, or undefined (unknown, malformed). */
    personOfToken,
  };
}

/** The e-mail preferences store. */
export type MailPreferences = ReturnType<typeof createMailPreferences>;
