/** What every editing operation needs from the hub, passed in so tests can build it by hand. */
import type { CommitQueue } from '../git/commit-queue.ts';
import type { HistoryIndex } from '../git/history-index.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import { createEditLock, type EditLock } from './edit-lock.ts';

/** Dependencies of the editing operations. */
export interface EditingDeps {
  /** Working tree of the content repository. */
  dir: string;
  /** The hub's one commit door. */
  commits: CommitQueue;
  /** History index (versions, recent changes). */
  history: HistoryIndex;
  /** Page index (titles, visibility, tags). */
  index: WikiIndex;
  /** Serialises read-decide-commit so two edits never decide on the same HEAD. */
  lock: EditLock;
  /** Brings index, history and search up to date after a commit. */
  sync: () => Promise<unknown>;
  /** Clock (template dates). */
  now: () => Date;
}

/** The parts of the hub the editing operations use. */
export interface EditingHub {
  /** Configuration (content folder). */
  config: { contentDir: string };
  /** Commit queue. */
  commits: CommitQueue;
  /** History index. */
  history: HistoryIndex;
  /** Page index. */
  index: WikiIndex;
  /** Refreshes index, history and search. */
  sync: () => Promise<unknown>;
}

/** Builds editing dependencies from the hub, with a fresh edit lock. */
export function createEditingDeps(hub: EditingHub, now: () => Date = () => new Date()): EditingDeps {
  return { dir: hub.config.contentDir, commits: hub.commits, history: hub.history, index: hub.index, lock: createEditLock(), sync: hub.sync, now };
}
