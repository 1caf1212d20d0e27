/**
 * What happens in the hub, told to whoever listens: notifications, e-mails and webhooks hear of
 * changes here instead of being called from every write. An event says what changed and where;
 * a listener decides, through the one gate and for each person, who may hear of it. A listener
 * that fails is logged and never fails the save that emitted the event.
 */
import type { Person } from '../access/viewer.ts';
import type { PagePath } from '../wiki/paths.ts';
import type { Page } from '../wiki/page.ts';

/** One page changed by a commit, as the index saw it. */
export interface PageChange {
  /** Repository path of the page. */
  path: PagePath;
  /** The page before the change; undefined when it is new. */
  before: Page | undefined;
  /** The page after the change; undefined when it was removed. */
  after: Page | undefined;
}

/** Where a thread of comments lives: a page (by repository path) or a pad (by name). */
export interface CommentTarget {
  /** A page or a pad. */
  kind: 'page' | 'pad';
  /** Repository path of the page, or the pad's name. */
  target: string;
}

/** The events and their payloads. */
export interface HubEventMap {
  /**
   * Pages changed in the repository, whoever changed them (web save, publication, accepted
   * proposal, terminal commit, forge pull), once the index serves them. Not emitted at start.
   */
  'pages.changed': { head: string | undefined; changes: PageChange[] };
  /** A page moved (web rename): what hangs on its path (comments, follows) moves with it. */
  'page.renamed': { from: PagePath; to: PagePath; by: Person | undefined };
  /** A pad's text was stored (debounced, about a second after typing), with who wrote since the last store: @mentions in pads. */
  'pad.stored': { pad: string; writers: { id: string; name: string }[] };
  /** A pad was published into a page. */
  'pad.published': { pad: string; path: PagePath; by: Person };
  /** A comment was written (a new thread or a reply). */
  'comment.created': { threadId: string; commentId: string; target: CommentTarget; by: Person; body: string };
  /** A thread was resolved or reopened. */
  'comment.resolved': { threadId: string; target: CommentTarget; by: Person; resolved: boolean };
  /** A notification was stored for a person (e-mail sends it now or in the digest). */
  'notification.created': { id: number; userId: string };
  /** A proposal was submitted for review. */
  'proposal.created': { id: string; path: PagePath; by: Person };
}

/** An event name. */
export type HubEventName = keyof HubEventMap;

/** A listener of one event. */
export type HubListener<E extends HubEventName> = (payload: HubEventMap[E]) => void | Promise<void>;

/** The hub's event bus. */
export interface HubEvents {
  /** Listens to an event; returns a function that stops listening. */
  on<E extends HubEventName>(event: E, listener: HubListener<E>): () => void;
  /** Tells every listener; resolves when all have finished (their errors are logged, not thrown). */
  emit<E extends HubEventName>(event: E, payload: HubEventMap[E]): Promise<void>;
}

/** Creates the event bus; the hub makes exactly one (`hub.events`). */
export function createHubEvents(): HubEvents {
  const listeners = new Map<HubEventName, Set<HubListener<never>>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      await Promise.all(
        [...set].map(async (listener) => {
          try {
            await (listener as HubListener<typeof event>)(payload);
          } catch (error) {
            console.error(`[événements] ${event} :`, error);
          }
        }),
      );
    },
  };
}
