/**
 * Each person's e-mail choice (`notification_settings.email_mode`: immediate by default, a daily
 * digest, or none) and their unsubscribe link. The link's token is derived from a key kept in the
 * store (`hub_secrets`, HMAC of the person's id), so every e-mail, from any instance, carries the
 * same working link; the token itself is kept only as its hash, to find the person. Whoever holds
 * a copy of the database could derive the links — the worst they can do is turn e-mails off.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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

/**
 * The key of unsubscribe links, kept in the store so that every instance derives the same link
 * (issue 13). A key from before, in a file of the data folder, is taken over: links already sent
 * stay valid. Two instances starting at once keep the first key written.
 */
async function loadMailKey(sql: Sql, legacyFile: string): Promise<Buffer> {
  const stored = () => sql.get<{ value: string }>("SELECT value FROM hub_secrets WHERE name = 'mail-key'");
  const known = await stored();
  if (known) return Buffer.from(known.value, 'base64');
  const legacy = await readFile(legacyFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`Clé des e-mails illisible : ${legacyFile}`, { cause: error });
  });
  await sql.run("INSERT INTO hub_secrets (name, value) VALUES ('mail-key', ?) ON CONFLICT (name) DO NOTHING", [(legacy ?? randomBytes(32)).toString('base64')]);
  return Buffer.from((await stored())!.value, 'base64');
}

/** Options of createMailPreferences. */
export interface MailPreferencesOptions {
  /** The accounts store. */
  sql: Sql;
  /** File where the key of unsubscribe tokens was kept before the store held it (taken over once). */
  keyFile: string;
}

/** Creates the e-mail preferences store. */
export function createMailPreferences({ sql, keyFile }: MailPreferencesOptions) {
  let key: Promise<Buffer> | undefined;
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
      const token = createHmac('sha256', await (key ??= loadMailKey(sql, keyFile))).update(`unsubscribe:${userId}`).digest('base64url');
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
