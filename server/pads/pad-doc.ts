/**
 * One live pad in memory: its Y.Doc, awareness, connected peers, and the debounced "store"
 * (metadata touch, compaction, afterStore). Updates themselves are written by the update
 * handler, synchronously, before they are broadcast (see pad-store.ts for the guarantee).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeUpdate, PAD_TEXT } from './pad-protocol.ts';
import { filterAwarenessUpdate, type AwarenessPeer } from './pad-awareness.ts';
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
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers: Set<PadPeer>;
  /** Connections and calls currently using the document; it is unloaded only at zero. */
  holds: number;
  /** Guards, then applies a client's update (throws HostileUpdate / decoding errors). */
  applyClientUpdate(update: Uint8Array, peer: PadPeer): void;
  /** Applies the part of an awareness update `peer` may send. */
  applyAwareness(update: Uint8Array, peer: PadPeer): void;
  /** Forgets a closed peer and its presence. */
  removePeer(peer: PadPeer): void;
  /** Runs the debounced store now (touch, compaction when due, afterStore). */
  storeNow(options?: { compact?: boolean }): void;
  /** Final store, then frees memory. */
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

const isPeer = (origin: unknown): origin is PadPeer => typeof origin === 'object' && origin !== null && 'send' in origin;
const slowApplyMs = 100;

/** Loads a pad from the store (throws if its stored state cannot be read: nothing is then stored). */
export function loadPadDoc(options: PadDocOptions): PadDoc {
  const { name, store, meta, hooks, limits, now } = options;
  const doc = new Y.Doc();
  const updates = store.loadUpdates(name);
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  meta.ensure(name, now());
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const peers = new Set<PadPeer>();
  const owners = new Map<number, PadPeer>();
  const writers = new Set<string>();
  let rows = updates.length;
  let unstored = false;
  let dirtySince: number | undefined;
  let lastChangeAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const broadcast = (message: Uint8Array, except?: PadPeer): void => {
    for (const peer of peers) if (peer !== except) peer.send(message);
  };

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    const user = isPeer(origin) || (typeof origin === 'object' && origin !== null && 'user' in origin)
      ? (origin as ServerEdit).user
      : undefined;
    lastChangeAt = now();
    try {
      store.appendUpdate(name, update, user?.id, lastChangeAt);
      rows += 1;
      if (user !== undefined && !writers.has(user.id)) {
        meta.addContributor(name, user, lastChangeAt);
        writers.add(user.id);
      }
    } catch (error) {
      // The next store writes a full snapshot, which covers this update.
      unstored = true;
      console.error(`Pad ${name}: update not stored`, error);
    }
    broadcast(encodeUpdate(update), isPeer(origin) ? origin : undefined);
    schedule();
    if (user !== undefined) {
      try {
        hooks.afterChange?.({ padName: name, user });
      } catch (error) {
        console.error(`Pad ${name}: afterChange hook failed`, error);
      }
    }
  });

  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    for (const id of [...change.added, ...change.updated]) {
      if (isPeer(origin) && !owners.has(id)) {
        owners.set(id, origin);
        origin.awarenessIds.add(id);
      }
    }
    for (const id of change.removed) {
      owners.get(id)?.awarenessIds.delete(id);
      owners.delete(id);
    }
    broadcast(encodeAwareness(awareness, [...change.added, ...change.updated, ...change.removed]));
  });

  const schedule = (): void => {
    dirtySince ??= now();
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(options.storeDebounceMs, dirtySince + options.storeMaxWaitMs - now()));
    timer = setTimeout(() => padDoc.storeNow(), wait);
    timer.unref();
  };

  const padDoc: PadDoc = {
    name,
    doc,
    awareness,
    peers,
    holds: 0,
    applyClientUpdate(update, peer) {
      assertSaneUpdate(update, limits);
      const started = performance.now();
      Y.applyUpdate(doc, update, peer);
      const ms = performance.now() - started;
      if (ms > slowApplyMs) console.warn(`Pad ${name}: slow update from ${peer.user.id} (${Math.round(ms)} ms)`);
    },
    applyAwareness(update, peer) {
      const kept = filterAwarenessUpdate({
        update,
        peer,
        ownerOf: (id) => owners.get(id),
        maxIds: limits.maxAwarenessClientsPerConnection,
      });
      if (kept !== undefined) awarenessProtocol.applyAwarenessUpdate(awareness, kept, peer);
    },
    removePeer(peer) {
      peers.delete(peer);
      awarenessProtocol.removeAwarenessStates(awareness, [...peer.awarenessIds], null);
    },
    storeNow({ compact = false } = {}) {
      clearTimeout(timer);
      timer = undefined;
      const wasDirty = dirtySince !== undefined;
      dirtySince = undefined;
      if (wasDirty) meta.touch(name, lastChangeAt);
      if (unstored || rows > limits.compactAfterRows || (compact && rows > 1)) {
        // Through the live Y.Doc, never Y.mergeUpdates over many small updates (minutes on 100k).
        store.replaceWithSnapshot(name, Y.encodeStateAsUpdate(doc), now());
        rows = 1;
        unstored = false;
      }
      if (wasDirty) {
        try {
          hooks.afterStore?.({ padName: name });
        } catch (error) {
          console.error(`Pad ${name}: afterStore hook failed`, error);
        }
      }
    },
    destroy() {
      padDoc.storeNow({ compact: true });
      awareness.destroy();
      doc.destroy();
    },
  };

  if (updates.length === 0 && options.initialText) {
    const initial = options.initialText;
    doc.transact(() => doc.getText(PAD_TEXT).insert(0, initial), { user: undefined } satisfies ServerEdit);
  }
  if (rows > limits.compactAfterRows) padDoc.storeNow();
  return padDoc;
}
