/**
 * One live pad in memory: its Y.Doc, presence, connected peers, and the debounced "store"
 * (metadata touch, compaction, afterStore). Updates themselves are written by the update
 * handler, synchronously, before they are broadcast (see pad-store.ts for the guarantee).
 */
import * as Y from 'yjs';
import { encodeUpdate, PAD_TEXT } from './pad-protocol.ts';
import { createPresence, type AwarenessPeer, type Presence } from './pad-awareness.ts';
import { createDebounce } from './debounce.ts';
import { assertSaneUpdate } from './update-guard.ts';
import type { PadLimits } from './pad-limits.ts';
import type { PadStore } from './pad-store.ts';
import type { PadMetaStore, PadUser } from './pad-meta-store.ts';
import type { PadHooks } from './pad-hooks.ts';

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
  /** Guards, then applies a client's update (throws HostileUpdate or a decoding error). */
  applyClientUpdate(update: Uint8Array, peer: PadPeer): void;
  /** Forgets a closed peer and its presence. */
  removePeer(peer: PadPeer): void;
  /** Runs the pending debounced store now; `compact` also compacts any log longer than one row. */
  storeNow(options?: { compact?: boolean }): void;
  /** Final store and compaction, then frees memory. */
  destroy(): void;
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
}

const slowApplyMs = 100;
const userOf = (origin: unknown): PadUser | undefined =>
  typeof origin === 'object' && origin !== null && 'user' in origin ? (origin as ServerEdit).user : undefined;

/** Runs an observer hook; its failure is logged, never propagated into the editing path. */
function observe(name: string, hook: () => void): void {
  try {
    hook();
  } catch (error) {
    console.error(`Pad ${name}: hook failed`, error);
  }
}

/** Loads a pad from the store; throws if its stored state cannot be read (and then stores nothing). */
export function loadPadDoc(options: PadDocOptions): PadDoc {
  const { name, store, meta, hooks, limits, now } = options;
  const doc = new Y.Doc();
  const updates = store.loadUpdates(name);
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  meta.ensure(name, now());
  const peers = new Set<PadPeer>();
  const broadcast = (message: Uint8Array, except?: unknown): void => {
    for (const peer of peers) if (peer !== except) peer.send(message);
  };
  const presence = createPresence({ doc, maxIdsPerPeer: limits.maxAwarenessClientsPerConnection, broadcast });
  const writers = new Set<string>();
  let rows = updates.length;
  let unstored = false;
  let lastChangeAt = 0;

  const compact = (): void => {
    // Through the live Y.Doc, never Y.mergeUpdates over many small updates (minutes on 100k).
    store.replaceWithSnapshot(name, Y.encodeStateAsUpdate(doc), now());
    rows = 1;
    unstored = false;
  };
  const debounced = createDebounce({
    debounceMs: options.storeDebounceMs,
    maxWaitMs: options.storeMaxWaitMs,
    now,
    run: () => {
      meta.touch(name, lastChangeAt);
      if (unstored || rows > limits.compactAfterRows) compact();
      observe(name, () => hooks.afterStore?.({ padName: name }));
    },
  });

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const user = userOf(origin);
    lastChangeAt = now();
    try {
      store.appendUpdate(name, update, user?.id, lastChangeAt);
      rows += 1;
      if (user !== undefined && !writers.has(user.id)) {
        meta.addContributor(name, user, lastChangeAt);
        writers.add(user.id);
      }
    } catch (error) {
      // The next debounced store writes a full snapshot, which covers this update.
      unstored = true;
      console.error(`Pad ${name}: update not stored`, error);
    }
    broadcast(encodeUpdate(update), origin);
    debounced.schedule();
    if (user !== undefined) observe(name, () => hooks.afterChange?.({ padName: name, user }));
  });

  const padDoc: PadDoc = {
    name,
    doc,
    presence,
    peers,
    holds: 0,
    applyClientUpdate(update, peer) {
      assertSaneUpdate(update, limits);
      const started = performance.now();
      Y.applyUpdate(doc, update, peer);
      const ms = performance.now() - started;
      if (ms > slowApplyMs) console.warn(`Pad ${name}: slow update from ${peer.user.id} (${Math.round(ms)} ms)`);
    },
    removePeer(peer) {
      peers.delete(peer);
      presence.remove(peer);
    },
    storeNow({ compact: force = false } = {}) {
      debounced.flush();
      if (unstored || (force && rows > 1)) compact();
    },
    destroy() {
      padDoc.storeNow({ compact: true });
      presence.destroy();
      doc.destroy();
    },
  };

  if (updates.length === 0 && options.initialText) {
    const initial = options.initialText;
    doc.transact(() => doc.getText(PAD_TEXT).insert(0, initial), { user: undefined } satisfies ServerEdit);
  }
  if (rows > limits.compactAfterRows) compact();
  return padDoc;
}
