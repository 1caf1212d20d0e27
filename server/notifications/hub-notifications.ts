/**
 * Notifications in the hub: the stores (notifications, follows) and the listeners that turn
 * events into notifications (`pages.changed`, `comment.created`, `pad.stored`, `page.renamed`). Listeners run
 * one after another on a queue, after the save that emitted the event has returned; `idle()`
 * resolves once the queue is empty (for shutdown and tests).
 */
import type { Viewer } from '../access/viewer.ts';
import type { HubEvents } from '../events/hub-events.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Sql } from '../store/sql.ts';
import type { Page } from '../wiki/page.ts';
import type { PageSource } from '../wiki/page-sources.ts';
import { notifyComment } from './comment-notifications.ts';
import { createFollowStore } from './follows.ts';
import { createNotificationStore } from './notification-store.ts';
import { notifyPagesChanged } from './page-notifications.ts';
import { createPadMentions } from './pad-mentions.ts';
import { readHandleDirectory } from './people-handles.ts';
import { claimChanges, type WorkClaims } from '../cluster/work-claims.ts';

/** Options of `createHubNotifications`. */
export interface HubNotificationsOptions {
  /** The accounts store. */
  sql: Sql;
  /** Clock (epoch ms). */
  now?: () => number;
  /** The hub's bus. */
  events: HubEvents;
  /** The viewer a person would be now. */
  viewerOf(personId: string): Promise<Viewer | undefined>;
  /** The one gate. */
  forViewer(viewer: Viewer): WikiReader;
  /** Author of the latest version of a path, from the history index. */
  latestAuthor(path: string): { name: string; email: string } | undefined;
  /** A pad's current text (for @mentions in pads). */
  padText(name: string): Promise<string>;
  /** A page's text read back (`index.pageSource`): mentions and actions are found in it. */
  pageSource(page: Page): Promise<PageSource | undefined>;
  /** Quiet time after a pad's last store before its mentions are read (default 15 s). */
  padQuietMs?: number;
  /** Several instances: each page change is told by the instance that claims it (`server/cluster/work-claims.ts`). */
  claims?: WorkClaims | undefined;
}

/** Creates the stores and starts listening; returns what the reader, routes and mail use. */
export function createHubNotifications({ sql, now = Date.now, events, viewerOf, forViewer, latestAuthor, padText, pageSource, padQuietMs, claims }: HubNotificationsOptions) {
  const store = createNotificationStore({ sql, now, events });
  const follows = createFollowStore({ sql, now });
  const directory = () => readHandleDirectory(sql);
  const deps = { store, follows, viewerOf, forViewer, directory, latestAuthor, pageSource, sql };
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (label: string, work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => console.error(`[notifications] ${label} :`, error));
    return queue;
  };
  const padMentions = createPadMentions({ sql, now, store, viewerOf, forViewer, directory, padText, enqueue: (label, work) => void enqueue(label, work), ...(padQuietMs === undefined ? {} : { quietMs: padQuietMs }) });
  const stops = [
    events.on('pages.changed', ({ changes }) => void enqueue('pages.changed', async () => notifyPagesChanged(deps, await claimChanges(claims, 'notifications', changes)))),
    events.on('comment.created', (e) => void enqueue('comment.created', () => notifyComment(deps, e))),
    events.on('pad.stored', (e) => padMentions.heard(e)),
    events.on('page.renamed', ({ from, to }) =>
      void enqueue('page.renamed', async () => {
        await follows.movePage(from, to);
        await store.movePage(from, to);
      })),
  ];
  return {
    /** Rows of each person's notifications. */
    store,
    /** What each person follows. */
    follows,
    /** The people of `@handles` (resolution and the form the completion inserts). */
    directory,
    /** Resolves once every event heard so far has been handled. */
    idle: async (): Promise<void> => {
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
    /** Pads stored whose mentions are still to be read (after their quiet time). */
    padsPending: padMentions.pending,
    /** Reads the waiting pads' mentions now, without waiting for their quiet time (shutdown, tests). */
    flushPads: padMentions.flush,
    /** Stops listening. */
    close(): void {
      padMentions.close();
      for (const stop of stops) stop();
    },
  };
}

/** The hub's notifications. */
export type HubNotifications = ReturnType<typeof createHubNotifications>;
