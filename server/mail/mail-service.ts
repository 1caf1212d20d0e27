/**
 * E-mails of notifications: one e-mail per notification for people who chose `immediate` (on
 * `notification.created`), one digest a day for those who chose `digest`. Every notification is
 * checked again through the gate at send time, as its recipient would be now, and dropped if its
 * target is no longer readable: an e-mail never carries a word of a page its recipient cannot read.
 * Failed sends are logged and retried by `retryPending` (the hub's timer); nothing here throws to
 * the caller. Sends run one at a time, so a notification is never mailed twice.
 */
import type { Viewer } from '../access/viewer.ts';
import type { HubEvents } from '../events/hub-events.ts';
import { readableTarget, type NotifyTarget } from '../notifications/deliver.ts';
import type { NotificationStore, StoredNotification } from '../notifications/notification-store.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import { createSerial } from '../util/serial.ts';
import type { MailOutbox, MailRecipient } from './mail-outbox.ts';
import type { MailPreferences } from './mail-preferences.ts';
import type { MailSettings } from './mail-settings.ts';
import { digestMail, notificationMail, type MailItem, type RenderedMail } from './mail-templates.ts';
import type { MailTransport } from './mail-transport.ts';
import type { WorkClaims } from '../cluster/work-claims.ts';

// A digest claimed by one instance is not sent by another the same day; a retry claimed is left
// to its instance for a few minutes (then another may try, if that one died).
const DIGEST_CLAIM_MS = 20 * 3600_000;
const RETRY_CLAIM_MS = 5 * 60_000;

/** Immediate e-mails that failed are retried for this long, then left to the hub's notification page. */
export const RETRY_WINDOW_MS = 24 * 3600_000;

/** What the mail service needs. */
export interface MailServiceOptions {
  /** E-mail settings (base of links). */
  settings: MailSettings;
  /** Notifications. */
  store: Pick<NotificationStore, 'get'>;
  /** Queries of what is left to send. */
  outbox: MailOutbox;
  /** Each person's choice and unsubscribe token. */
  preferences: MailPreferences;
  /** SMTP. */
  transport: MailTransport;
  /** The viewer a person would be now. */
  viewerOf(personId: string): Promise<Viewer | undefined>;
  /** The one gate. */
  forViewer(viewer: Viewer): WikiReader;
  /** The hub's bus (`notification.created`). */
  events: HubEvents;
  /** Clock (epoch ms). */
  now: () => number;
  /** Several instances: a digest or a retried e-mail is sent by the instance that claims it. */
  claims?: WorkClaims | undefined;
}

function targetOf(n: StoredNotification): NotifyTarget | undefined {
  if (n.targetKind === 'page') return { kind: 'page', path: n.target };
  if (n.targetKind === 'pad') return { kind: 'pad', name: n.target };
  // Other kinds have no single thing to check through the gate: never mailed.
  return undefined;
}

/** Creates the mail service and starts listening to `notification.created`. */
export function createMailService(o: MailServiceOptions) {
  const serial = createSerial();
  const base = o.settings.baseUrl;
  // People whose digest failed: retried with the immediate e-mails.
  const owedDigests = new Set<string>();

  /** The notification as its recipient may read it now, or undefined. */
  async function itemOf(n: StoredNotification): Promise<MailItem | undefined> {
    const viewer = await o.viewerOf(n.userId);
    const target = targetOf(n);
    if (!viewer || !target) return undefined;
    const shown = await readableTarget(o.forViewer(viewer), target);
    if (!shown) return undefined;
    const hash = n.data.url.includes('#') ? n.data.url.slice(n.data.url.indexOf('#')) : '';
    return { kind: n.kind, actorName: n.actorName, title: shown.title, url: `${base}${shown.url}${hash}`, excerpt: n.data.excerpt };
  }

  async function send(to: MailRecipient, render: (frame: { name: string; baseUrl: string; unsubscribeUrl: string }) => RenderedMail): Promise<void> {
    const unsubscribeUrl = `${base}/notifications/desabonnement?jeton=${await o.preferences.unsubscribeToken(to.id)}`;
    const mail = render({ name: to.name, baseUrl: base, unsubscribeUrl });
    const headers = { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' };
    await o.transport.send({ to: to.email, subject: mail.subject.replace(/\s+/g, ' '), text: mail.text, html: mail.html, headers });
  }

  /** Sends one notification if it is still owed by e-mail now; throws when SMTP fails. */
  async function mailOne(id: number): Promise<void> {
    const n = await o.store.get(id);
    if (!n || n.emailedAt !== undefined || n.readAt !== undefined || (await o.preferences.modeOf(n.userId)) !== 'immediate') return;
    const to = await o.outbox.recipient(n.userId);
    const item = to && (await itemOf(n));
    if (to && item) await send(to, (frame) => notificationMail(item, frame));
    await o.outbox.markHandled([id], o.now());
  }

  /** One person's digest: every notification left, the readable ones listed; throws when SMTP fails. */
  async function digestOf(userId: string, at: number): Promise<void> {
    const ids = await o.outbox.pendingOf(userId, 0);
    const to = await o.outbox.recipient(userId);
    const items: MailItem[] = [];
    for (const id of ids) {
      const n = await o.store.get(id);
      const item = n && to && (await itemOf(n));
      if (item) items.push(item);
    }
    if (to && items.length > 0) await send(to, (frame) => digestMail(items, frame));
    await o.outbox.markHandled(ids, at);
    await o.outbox.markDigest(userId, at);
    owedDigests.delete(userId);
  }

  const stop = o.events.on('notification.created', ({ id }) => sendNow(id));

  /** Sends a notification's e-mail now if its recipient chose immediate e-mails; failures are logged. */
  function sendNow(id: number): Promise<void> {
    return serial.run(() => mailOne(id)).catch((error: unknown) => console.error('[courriel] envoi différé, nouvel essai plus tard :', error));
  }

  return {
    sendNow,
    /** Sends the daily digest of everyone who chose it (at `at`); returns how many people were handled. */
    runDigest(at: number = o.now()): Promise<number> {
      return serial.run(async () => {
        let done = 0;
        for (const userId of await o.outbox.peopleWaiting('digest', 0)) {
          // Every instance runs the daily round: one of them sends each person's digest.
          if (o.claims && !(await o.claims.claim(`digest:${userId}`, DIGEST_CLAIM_MS))) continue;
          try {
            await digestOf(userId, at);
            done += 1;
          } catch (error) {
            owedDigests.add(userId);
            console.error('[courriel] résumé non envoyé, nouvel essai plus tard :', error);
          }
        }
        return done;
      });
    },
    /** Retries failed immediate e-mails of the last day and failed digests; stops at the first SMTP failure. */
    retryPending(at: number = o.now()): Promise<void> {
      return serial.run(async () => {
        try {
          for (const userId of owedDigests) await digestOf(userId, at);
          for (const userId of await o.outbox.peopleWaiting('immediate', at - RETRY_WINDOW_MS)) {
            for (const id of await o.outbox.pendingOf(userId, at - RETRY_WINDOW_MS)) {
              if (o.claims && !(await o.claims.claim(`courriel:${id}`, RETRY_CLAIM_MS))) continue;
              await mailOne(id);
            }
          }
        } catch (error) {
          console.error('[courriel] serveur d’envoi indisponible, nouvel essai plus tard :', error);
        }
      });
    },
    /** Resolves once no e-mail is being sent or queued. */
    idle: () => serial.idle(),
    /** Stops listening, waits for sends under way, closes SMTP connections. */
    async close(): Promise<void> {
      stop();
      await serial.idle();
      o.transport.close();
    },
  };
}

/** The mail service of a hub. */
export type MailService = ReturnType<typeof createMailService>;
