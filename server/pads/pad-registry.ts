/**
 * The loaded pads: loads each at most once at a time, counts who holds it, and unloads it after
 * `idleUnloadMs` without holders (final store and compaction first).
 */
import * as Y from 'yjs';
import { PageNotFound } from '../errors.ts';
import { loadPadDoc, type PadDoc, type PadDocOptions } from './pad-doc.ts';
import type { PadStore } from './pad-store.ts';
import type { PadMetaStore } from './pad-meta-store.ts';
import type { PadHooks } from './pad-hooks.ts';

/** How to create a pad that does not exist yet: false refuses (PageNotFound). */
export type CreateMode = false | { initialText?: string | undefined; useHook: boolean };

/** The registry returned by createPadRegistry. */
export interface PadRegistry {
  /** Loaded pads by name. */
  readonly docs: Map<string, PadDoc>;
  /** The document of a pad being loaded: updates other instances publish meanwhile go there. */
  loadingDoc(name: string): Y.Doc | undefined;
  /** True if the pad is loaded, has metadata or has stored updates. */
  exists(name: string): Promise<boolean>;
  /** Loads (or creates, per `create`) and holds a pad. */
  acquire(name: string, create: CreateMode): Promise<PadDoc>;
  /** Lets go of a pad; at zero holders the idle timer starts. */
  release(padDoc: PadDoc): void;
  /** Holds a pad during `use`. */
  withPad<T>(name: string, create: CreateMode, use: (padDoc: PadDoc) => T | Promise<T>): Promise<T>;
  /** Waits for loads in flight, then stores and unloads every pad. */
  closeAll(): Promise<void>;
}

/** Creates the registry; `docOptions` are passed to every load, `onLoad` hears each pad loaded. */
export function createPadRegistry(options: {
  store: PadStore;
  meta: PadMetaStore;
  hooks: PadHooks;
  idleUnloadMs: number;
  docOptions: Omit<PadDocOptions, 'name' | 'initialText' | 'doc'>;
  onLoad?: ((padDoc: PadDoc) => void) | undefined;
}): PadRegistry {
  const { store, meta, hooks } = options;
  const docs = new Map<string, PadDoc>();
  const loading = new Map<string, Promise<PadDoc>>();
  const early = new Map<string, Y.Doc>();
  const timers = new Map<string, NodeJS.Timeout>();
  const unloading = new Set<Promise<void>>();
  let closed = false;

  const exists = async (name: string): Promise<boolean> =>
    docs.has(name) || (await meta.get(name)) !== undefined || (await store.countUpdates(name)) > 0;

  async function load(name: string, create: Exclude<CreateMode, false>): Promise<PadDoc> {
    let initialText = create.initialText;
    if (create.useHook && !(await exists(name))) initialText = await hooks.onCreate?.({ padName: name });
    const doc = new Y.Doc();
    early.set(name, doc);
    try {
      const padDoc = await loadPadDoc({ ...options.docOptions, name, initialText, doc });
      docs.set(name, padDoc);
      options.onLoad?.(padDoc);
      return padDoc;
    } catch (error) {
      doc.destroy();
      throw error;
    } finally {
      early.delete(name);
    }
  }

  const unload = (padDoc: PadDoc): void => {
    docs.delete(padDoc.name);
    const done = padDoc.destroy().catch((error: unknown) => console.error(`Pad ${padDoc.name}: unload failed`, error));
    unloading.add(done);
    void done.finally(() => unloading.delete(done));
  };

  const registry: PadRegistry = {
    docs,
    loadingDoc: (name) => early.get(name),
    exists,
    async acquire(name, create) {
      if (closed) throw new Error('Pad registry closed');
      clearTimeout(timers.get(name));
      timers.delete(name);
      let padDoc = docs.get(name);
      if (padDoc === undefined) {
        let pending = loading.get(name);
        if (pending === undefined) {
          pending = (async () => {
            if (create === false && !(await exists(name))) throw new PageNotFound(`Le pad « ${name} » n’existe pas : vérifiez son nom.`);
            return load(name, create === false ? { useHook: false } : create);
          })().finally(() => loading.delete(name));
          loading.set(name, pending);
        }
        padDoc = await pending;
      }
      padDoc.holds += 1;
      return padDoc;
    },
    release(padDoc) {
      padDoc.holds -= 1;
      if (padDoc.holds > 0 || closed) return;
      clearTimeout(timers.get(padDoc.name));
      const timer = setTimeout(() => {
        timers.delete(padDoc.name);
        if (padDoc.holds > 0 || docs.get(padDoc.name) !== padDoc) return;
        unload(padDoc);
      }, options.idleUnloadMs);
      timer.unref();
      timers.set(padDoc.name, timer);
    },
    async withPad(name, create, use) {
      const padDoc = await registry.acquire(name, create);
      try {
        return await use(padDoc);
      } finally {
        registry.release(padDoc);
      }
    },
    async closeAll() {
      closed = true;
      await Promise.allSettled([...loading.values()]);
      for (const timer of timers.values()) clearTimeout(timer);
      for (const padDoc of [...docs.values()]) unload(padDoc);
      await Promise.allSettled([...unloading]);
    },
  };
  return registry;
}
