/**
 * Sends one e-mail through the configured SMTP server (nodemailer); the only module that imports
 * it, on the first message: a hub without mail, and every start, skip loading it.
 */
import type { Transporter } from 'nodemailer';

/** One e-mail, ready to send. */
export interface MailMessage {
  /** Recipient's address. */
  to: string;
  /** Subject line. */
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body (the same words). */
  html: string;
  /** Extra headers (`List-Unsubscribe`, `List-Unsubscribe-Post`). */
  headers: Record<string, string>;
}

/** A connection to the SMTP server. */
export interface MailTransport {
  /** Sends one message; rejects with an Error whose `cause` is the SMTP failure. */
  send(message: MailMessage): Promise<void>;
  /** Closes idle connections. */
  close(): void;
}

/** Options of createMailTransport. */
export interface MailTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  smtpUrl: string;
  /** Sender (`Gare centrale <gare@exemple.fr>`). */
  from: string;
}

/** Creates the transport; nothing is loaded or connected until the first message. */
export function createMailTransport({ smtpUrl, from }: MailTransportOptions): MailTransport {
  let transport: Promise<Transporter> | undefined;
  // Bounded waits: a silent SMTP server must not hold a send (and the queue behind it) forever.
  const open = async (): Promise<Transporter> =>
    (await import('nodemailer')).default.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }, { from });
  const host = new URL(smtpUrl).host;
  return {
    async send({ to, subject, text, html, headers }) {
      try {
        await (await (transport ??= open())).sendMail({ to, subject, text, html, headers });
      } catch (cause) {
        // The message names the host, never the URL: it holds the SMTP password.
        throw new Error(`Envoi de l’e-mail impossible par ${host}`, { cause });
      }
    },
    close() {
      void transport?.then((t) => t.close()).catch(() => undefined);
    },
  };
}
