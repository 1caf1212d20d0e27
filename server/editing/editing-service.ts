/**
 * The hub's one editing service: every change to the content repository (save, create, rename,
 * delete, restore, upload, pad publication, accepted proposal, tag rename, forge merge) is one
 * call into it. It holds the one edit lock, decides on the HEAD it read and commits on exactly
 * that HEAD through the one commit queue, then brings the hub up to date.
 */
import type { CommitQueue } from '../git/commit-queue.ts';
import type { HubEvents } from '../events/hub-events.ts';
import { decideAndCommit, type CommitAtHeadResult, type DecideAtHead } from '../git/commit-at-head.ts';
import type { HistoryIndex } from '../git/history-index.ts';
import { createSerial } from '../util/serial.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';

export type { CommitAtHeadResult, DecideAtHead, EditDecision } from '../git/commit-at-head.ts';

/** Options of `createEditingService`. */
export interface EditingServiceOptions {
  /** Working tree of the content repository. */
  dir: string;
  /** The hub's one commit queue. */
  commits: CommitQueue;
  /** History index (versions, recent changes). */
  history: HistoryIndex;
  /** Page index (titles, visibility, tags). */
  index: WikiIndex;
  /** Brings index, history and search up to date after a commit. */
  sync: () => Promise<unknown>;
  /** Clock (template dates, proposal dates). */
  now: () => Date;
  /** The hub's event bus (renames, publications, proposals are told there). */
  events: HubEvents;
  /**
   * Several instances (issue 13): wraps each write in the shared content lock, after a pull from
   * the forge and before a push (`server/cluster/shared-writes.ts`). Absent: one instance.
   */
  shared?: SharedWrites | undefined;
}

/** How writes are coordinated between instances. */
export interface SharedWrites {
  /** Runs `write` under the shared lock, on a HEAD holding every other instance's commits, then pushes. */
  around<T extends { changed: boolean }>(write: () => Promise<T>): Promise<T>;
  /** Runs a proposal's whole write (its branches and any commit on main) as one round under the shared lock. */
  aroundProposals<T>(step: () => Promise<T>): Promise<T>;
}

/** Options of one `commitAtHead` call. */
export interface CommitAtHeadOptions {
  /** False: do not sync the hub afterwards (the caller does, e.g. the forge pull). Default true. */
  sync?: boolean;
  /** False: a write that is itself part of the coordination between instances (the forge pull). Default true. */
  shared?: boolean;
}

/** The editing service; operations take it as `deps`. */
export interface EditingService {
  /** Working tree of the content repository (reads only: writes go through `commitAtHead`). */
  readonly dir: string;
  /** History index. */
  readonly history: HistoryIndex;
  /** Page index. */
  readonly index: WikiIndex;
  /** Clock. */
  readonly now: () => Date;
  /** The hub's event bus: operations tell what they did (a rename, a publication, a proposal). */
  readonly events: HubEvents;
  /** Brings index, history and search up to date (after a write made elsewhere). */
  sync(): Promise<unknown>;
  /**
   * Decides on the current HEAD and commits on exactly that HEAD under the one lock, then syncs.
   * A commit from another process in between makes the decision run again on the new HEAD.
   */
  commitAtHead<T>(decide: DecideAtHead<T>, options?: CommitAtHeadOptions): Promise<CommitAtHeadResult<T>>;
  /** Runs `step` under the same lock (nothing commits meanwhile); `step` must not call `commitAtHead`. */
  exclusive<T>(step: () => Promise<T>): Promise<T>;
  /**
   * Runs a write of proposal branches (and a commit it makes, like an acceptance) as one step that
   * the other instances see whole: with several instances, under the shared lock, the branches
   * settled with the forge before and after. One instance: just runs it.
   */
  proposals<T>(step: () => Promise<T>): Promise<T>;
}

/** Creates the editing service; the hub makes exactly one. */
export function createEditingService(options: EditingServiceOptions): EditingService {
  const { dir, commits, history, index, sync, now, events, shared } = options;
  const lock = createSerial();
  return {
    dir,
    history,
    index,
    now,
    events,
    sync,
    async commitAtHead(decide, { sync: syncAfter = true, shared: coordinated = true } = {}) {
      const write = () => lock.run(() => decideAndCommit({ dir, commits, decide }));
      const result = shared && coordinated ? await shared.around(write) : await write();
      // Outside the lock: the sync coalesces, and the next edit reads HEAD, not the index.
      if (result.changed && syncAfter) await sync();
      return result;
    },
    exclusive: (step) => lock.run(step),
    proposals: (step) => (shared ? shared.aroundProposals(step) : step()),
  };
}
