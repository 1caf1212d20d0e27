/**
 * E-mails and action reminders wired into the hub: the mail service when GARE_SMTP_URL is set,
 * the reminders always (they are in-hub notifications first), the daily round (reminders, then
 * digest) at GARE_DIGEST_HOUR plus a reminders round at start, and a retry round for failed sends.
 */
import path from 'node:path';
import type { Viewer } from '../access/viewer.ts';
import type { Config } from '../config.ts';
import type { HubEvents } from '../events/hub-events.ts';
import { createActionReminders } from '../notifications/action-reminders.ts';
import { deliver } from '../notifications/deliver.ts';
import type { NotificationStore } from '../notifications/notification-store.ts';
import { readHandleDirectory } from '../notifications/people-handles.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { RegisterData } from '../register/register.ts';
import type { Sql } from '../store/sql.ts';
import { startDailyTimer } from './daily-timer.ts';
import { createMailOutbox } from './mail-outbox.ts';
import { createMailPreferences } from './mail-preferences.ts';
import { createMailService } from './mail-service.ts';
import { createMailTransport } from './mail-transport.ts';
import type { WorkClaims } from '../cluster/work-claims.ts';

/** Minutes between two retries of failed e-mails. */
const RETRY_EVERY_MS = 5 * 60_000;

/** What createHubMail needs from the hub. */
export interface HubMailOptions {
  /** Resolved configuration (`mail`, `dataDir`). */
  config: Config;
  /** The accounts store. */
  sql: Sql;
  /** The notification store. */
  store: NotificationStore;
  /** The hub's bus. */
  events: HubEvents;
  /** The decision register. */
  register: { current(): Promise<RegisterData> };
  /** The viewer a person would be now. */
  viewerOf(personId: string): Promise<Viewer | undefined>;
  /** The one gate. */
  forViewer(viewer: Viewer): WikiReader;
  /** Clock (epoch ms). */
  now: () => number;
  /** Several instances: digests and retried e-mails claimed, each sent once. */
  claims?: WorkClaims | undefined;
  /** The round of reminders at start waits for this (the hub passes its search build, behind the first page): it builds the register, which the first page does not need. */
  startAfter?: Promise<unknown> | undefined;
}

/** Creates the hub's e-mails and reminders and starts their timers. */
export function createHubMail({ config, sql, store, events, register, viewerOf, forViewer, now, claims, startAfter }: HubMailOptions) {
  const preferences = createMailPreferences({ sql, keyFile: path.join(config.dataDir, 'mail-key') });
  const reminders = createActionReminders({ sql, register, directory: () => readHandleDirectory(sql), deliver: (d) => deliver({ store, viewerOf, forViewer }, d), now });
  const settings = config.mail;
  const service = settings && createMailService({
    settings, store, outbox: createMailOutbox(sql), preferences, transport: createMailTransport(settings), viewerOf, forViewer, events, now, claims,
  });
  const timer = startDailyTimer({
    hour: settings?.digestHour ?? 7,
    now,
    // Reminders first: today's reminders are in the digest of someone who chose one.
    daily: async () => {
      await reminders.run();
      await service?.runDigest();
    },
    retry: service && (() => service.retryPending()),
    retryEveryMs: RETRY_EVERY_MS,
  });
  const atStart = Promise.resolve(startAfter)
    .then(() => reminders.run())
    .catch((error: unknown) => console.error('[rappels]', error));
  return {
    /** E-mails; undefined without GARE_SMTP_URL. */
    service,
    /** Each person's e-mail choice and unsubscribe link. */
    preferences,
    /** Reminders of the register's actions (`run(at)` on demand). */
    reminders,
    /** Stops the timers, waits for sends under way. */
    async close(): Promise<void> {
      timer.stop();
      await atStart;
      await service?.close();
    },
  };
}

/** The hub's e-mails and reminders. */
export type HubMail = ReturnType<typeof createHubMail>;
