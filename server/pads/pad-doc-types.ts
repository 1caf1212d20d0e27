/** The shapes of a live pad: its peers, its server edits, the loaded document and what loading it needs. */
import type * as Y from 'yjs';
import type { AwarenessPeer, Presence } from './pad-awareness.ts';
import type { PadLimits } from './pad-limits.ts';
import type { PadStore } from './pad-store.ts';
import type { PadMetaStore, PadUser } from './pad-meta-store.ts';
import type { PadHooks } from './pad-hooks.ts';
import type { PadCluster } from './pad-cluster.ts';

/** A connection as the document sees it. */
export interface PadPeer extends AwarenessPeer {
  /** Read-only peers may read and show presence, never write. */
  readonly readOnly: boolean;
  /** Sends one binary message (the peer closes itself if it falls too far behind). */
  send(message: Uint8Array): void;
}

/** Origin of an edit made by the server itself (template, seed, setText). */
export interface ServerEdit {
  /** Who the edit is credited to, if anyone. */
  readonly user: PadUser | undefined;
}

/** A loaded pad. */
export interface PadDoc {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly presence: Presence;
  readonly peers: Set<PadPeer>;
  /** Connections and calls currently using the document; it is unloaded only at zero. */
  holds: number;
  /** Guards (throws HostileUpdate at once), stores, then applies a client's update; rejects if it could not be stored. */
  applyClientUpdate(update: Uint8Array, peer: PadPeer): Promise<void>;
  /** Runs `fn` once every update accepted so far is stored (sync answers carry stored state only). */
  whenStored(fn: () => void): void;
  /** Applies an update another instance stored and published. */
  applyRemoteUpdate(update: Uint8Array): void;
  /** Reads the stored updates again (after missed messages: Redis was away). */
  resync(): Promise<void>;
  /** Forgets a closed peer and its presence. */
  removePeer(peer: PadPeer): void;
  /** Runs the pending debounced store now; `compact` also compacts any log longer than one row. */
  storeNow(options?: { compact?: boolean }): Promise<void>;
  /** Final store and compaction, then frees memory. */
  destroy(): Promise<void>;
}

/** What loading a pad needs. */
export interface PadDocOptions {
  name: string;
  store: PadStore;
  meta: PadMetaStore;
  hooks: PadHooks;
  limits: PadLimits;
  now: () => number;
  storeDebounceMs: number;
  storeMaxWaitMs: number;
  /** Text to insert when the pad has no stored state (template or seed). */
  initialText?: string | undefined;
  /** The other instances (Redis), when there are several. */
  cluster?: PadCluster | undefined;
  /** The document, created before the load so that updates published meanwhile are not lost. */
  doc?: Y.Doc | undefined;
}
