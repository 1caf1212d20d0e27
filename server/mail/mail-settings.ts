/** E-mail settings: the GARE_SMTP_URL, GARE_MAIL_FROM and GARE_DIGEST_HOUR variables resolved. */
import type { RawConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';

/** How the hub sends e-mails. */
export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…` (holds a password: never logged). */
  smtpUrl: string;
  /** Sender, `Gare centrale <gare@exemple.fr>`. */
  from: string;
  /** Local hour (0–23) of the daily digest and reminders. */
  digestHour: number;
  /** Absolute base of the links in e-mails (`https://wiki.exemple.fr`, no trailing slash). */
  baseUrl: string;
}

/** The mail part of the resolved configuration: undefined without GARE_SMTP_URL (no e-mail at all). */
export function readMailConfig(c: RawConfig): { mail?: MailSettings } {
  if (c.GARE_SMTP_URL === undefined) return {};
  // Links in e-mails are read far from any request; a Host header must never choose them
  // (anyone could make the hub send links to their own site), so the public address is required.
  if (c.GARE_PUBLIC_URL === undefined) {
    throw new ConfigError('Configuration invalide : GARE_SMTP_URL demande GARE_PUBLIC_URL (l’adresse du hub, pour les liens des e-mails), par exemple GARE_PUBLIC_URL=https://wiki.exemple.fr.');
  }
  return { mail: { smtpUrl: c.GARE_SMTP_URL, from: c.GARE_MAIL_FROM, digestHour: c.GARE_DIGEST_HOUR, baseUrl: c.GARE_PUBLIC_URL.replace(/\/+$/, '') } };
}
