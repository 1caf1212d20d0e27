/**
 * The loaded pads: loads each at most once at a time, counts who holds it, and unloads it after
 * `idleUnloadMs` without holders (final store and compaction first).
 */
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
  /** True if the pad is loaded, has metadata or has stored updates. */
  exists(name: string): boolean;
  /** Loads (or creates, per `create`) and holds a pad. */
  acquire(name: string, create: CreateMode): Promise<PadDoc>;
  /** Lets go of a pad; at zero holders the idle timer starts. */
  release(padDoc: PadDoc): void;
  /** Holds a pad during `use`. */
  withPad<T>(name: string, create: CreateMode, use: (padDoc: PadDoc) => T): Promise<T>;
  /** Waits for loads in flight, then stores and unloads every pad. */
  closeAll(): Promise<void>;
}

/** Creates the registry; `docOptions` are passed to every load. */
export function createPadRegistry(options: {
  store: PadStore;
  meta: PadMetaStore;
  hooks: PadHooks;
  idleUnloadMs: number;
  docOptions: Omit<PadDocOptions, 'name' | 'initialText'>;
}): PadRegistry {
  const { store, meta, hooks } = options;
  const docs = new Map<string, PadDoc>();
  const loading = new Map<string, Promise<PadDoc>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const exists = (name: string): boolean => docs.has(name) || meta.get(name) !== undefined || store.countUpdates(name) > 0;

  async function load(name: string, create: Exclude<CreateMode, false>): Promise<PadDoc> {
    let initialText = create.initialText;
    if (create.useHook && !exists(name)) initialText = await hooks.onCreate?.({ padName: name });
    const padDoc = loadPadDoc({ ...options.docOptions, name, initialText });
    docs.set(name, padDoc);
    return padDoc;
  }

  const registry: PadRegistry = {
    docs,
    exists,
    async acquire(name, create) {
      if (closed) throw new Error('Pad registry closed');
      clearTimeout(timers.get(name));
      timers.delete(name);
      let padDoc = docs.get(name);
      if (padDoc === undefined) {
        let pending = loading.get(name);
        if (pending === undefined) {
          if (create === false && !exists(name)) throw new PageNotFound(`Le pad « ${name} » n’existe pas : vérifiez son nom.`);
          pending = load(name, create === false ? { useHook: false } : create).finally(() => loading.delete(name));
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
        docs.delete(padDoc.name);
        padDoc.destroy();
      }, options.idleUnloadMs);
      timer.unref();
      timers.set(padDoc.name, timer);
    },
    async withPad(name, create, use) {
      const padDoc = await registry.acquire(name, create);
      try {
        return use(padDoc);
      } finally {
        registry.release(padDoc);
      }
    },
    async closeAll() {
      closed = true;
      await Promise.allSettled([...loading.values()]);
      for (const timer of timers.values()) clearTimeout(timer);
      for (const padDoc of docs.values()) padDoc.destroy();
      docs.clear();
    },
  };
  return registry;
}
