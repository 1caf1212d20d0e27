/**
 * One live pad in memory: its Y.Doc, presence, connected peers, and the debounced "store"
 * (metadata touch, compaction, afterStore). A client's update is stored first, then applied,
 * broadcast and published to the other instances, all through one queue per pad, so its updates
 * are stored in the order they came and nobody sees an update that is not stored (pad-store.ts).
 */
import * as Y from 'yjs';
import { encodeUpdate, PAD_TEXT } from './pad-protocol.ts';
import { createPresence } from './pad-awareness.ts';
import { createDebounce } from './debounce.ts';
import { createSerialQueue } from './serial-queue.ts';
import { assertSaneUpdate } from './update-guard.ts';
import type { PadUser } from './pad-meta-store.ts';
import type { PadDoc, PadDocOptions, PadPeer, ServerEdit } from './pad-doc-types.ts';

export type { PadDoc, PadDocOptions, PadPeer, ServerEdit } from './pad-doc-types.ts';

const slowApplyMs = 100;
/** Origin of updates that other instances stored: not stored again, not published again. */
export const remoteOrigin = Symbol('instance distante');
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
export async function loadPadDoc(options: PadDocOptions): Promise<PadDoc> {
  const { name, store, meta, hooks, limits, now, cluster } = options;
  const doc = options.doc ?? new Y.Doc();
  const updates = await store.loadUpdates(name);
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  await meta.ensure(name, now());
  const peers = new Set<PadPeer>();
  const broadcast = (message: Uint8Array, except?: unknown): void => {
    for (const peer of peers) if (peer !== except) peer.send(message);
  };
  const presence = createPresence({ doc, maxIdsPerPeer: limits.maxAwarenessClientsPerConnection, broadcast,
    publish: cluster && ((update) => cluster.publishAwareness(name, update)) });
  const queue = createSerialQueue();
  const writers = new Set<string>();
  let rows = updates.length;
  let unstored = false;
  let lastChangeAt = 0;

  const compact = async (): Promise<void> => {
    const run = async (): Promise<void> => {
      await store.compact(name, Y.encodeStateAsUpdate(doc), now());
      rows = 1;
      unstored = false;
    };
    await (cluster ? cluster.compactOnce(name, run) : run());
  };
  const storeTask = async (): Promise<void> => {
    try {
      await meta.touch(name, lastChangeAt);
      if (unstored || rows > limits.compactAfterRows) await compact();
    } catch (error) {
      console.error(`Pad ${name}: store failed`, error);
    }
    observe(name, () => hooks.afterStore?.({ padName: name }));
  };
  const debounced = createDebounce({ debounceMs: options.storeDebounceMs, maxWaitMs: options.storeMaxWaitMs, now, run: () => void queue.add(() => storeTask()) });

  /** Written down: the contributor, then everyone hears of it. */
  const acknowledge = async (update: Uint8Array, origin: unknown): Promise<void> => {
    const user = userOf(origin);
    if (user !== undefined && !writers.has(user.id)) {
      await meta.addContributor(name, user, lastChangeAt).catch((error: unknown) => console.error(`Pad ${name}: contributor not stored`, error));
      writers.add(user.id);
    }
    broadcast(encodeUpdate(update), origin);
    cluster?.publishUpdate(name, update);
    debounced.schedule();
    if (user !== undefined) observe(name, () => hooks.afterChange?.({ padName: name, user }));
  };

  // Set while a stored client update is applied: the event hands its new part back to the task.
  let applying = false;
  let applied: Uint8Array | undefined;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === remoteOrigin) return broadcast(encodeUpdate(update));
    lastChangeAt = now();
    if (applying) {
      applied = update;
      return;
    }
    void queue.add(async () => {
      try {
        await store.appendUpdate(name, update, userOf(origin)?.id, lastChangeAt);
        rows += 1;
      } catch (error) {
        // The next debounced store writes a full snapshot, which covers this update.
        unstored = true;
        console.error(`Pad ${name}: update not stored`, error);
      }
      await acknowledge(update, origin);
    });
  });

  const padDoc: PadDoc = {
    name,
    doc,
    presence,
    peers,
    holds: 0,
    applyClientUpdate(update, peer) {
      // An empty sync answer is not worth a row.
      if (!assertSaneUpdate(update, limits)) return Promise.resolve();
      return queue.add(async () => {
        await store.appendUpdate(name, update, peer.user.id, now());
        rows += 1;
        const started = performance.now();
        applying = true;
        try {
          Y.applyUpdate(doc, update, peer);
        } finally {
          applying = false;
        }
        const ms = performance.now() - started;
        if (ms > slowApplyMs) console.warn(`Pad ${name}: slow update from ${peer.user.id} (${Math.round(ms)} ms)`);
        const change = applied;
        applied = undefined;
        // Nothing new (an update the pad already had): nothing to tell anyone.
        if (change !== undefined) await acknowledge(change, peer);
      });
    },
    whenStored: (fn) => queue.whenIdle(fn),
    applyRemoteUpdate(update) {
      Y.applyUpdate(doc, update, remoteOrigin);
    },
    async resync() {
      const stored = await store.loadUpdates(name);
      doc.transact(() => {
        for (const update of stored) Y.applyUpdate(doc, update);
      }, remoteOrigin);
    },
    removePeer(peer) {
      peers.delete(peer);
      presence.remove(peer);
    },
    async storeNow({ compact: force = false } = {}) {
      debounced.flush();
      void queue.add(async () => {
        if (unstored || (force && rows > 1)) await compact().catch((error: unknown) => console.error(`Pad ${name}: compaction failed`, error));
      });
      await queue.idle();
    },
    async destroy() {
      await padDoc.storeNow({ compact: true });
      presence.destroy();
      doc.destroy();
    },
  };

  if (updates.length === 0 && options.initialText) {
    const initial = options.initialText;
    doc.transact(() => doc.getText(PAD_TEXT).insert(0, initial), { user: undefined } satisfies ServerEdit);
  }
  if (rows > limits.compactAfterRows) void queue.add(() => compact()).catch((error: unknown) => console.error(`Pad ${name}: compaction failed`, error));
  return padDoc;
}
