/**
 * Drafts kept in the browser (localStorage) until the page is saved: a closed tab, a lost
 * connection or a conflict never costs the text. With the draft goes the version it started from,
 * so saving it later merges with what changed meanwhile.
 */

/** What a draft holds. */
export interface Draft {
  /** Form fields by name (title, tags, summary…). */
  fields: Record<string, string>;
  /** Markdown body. */
  body: string;
  /** Commit the edit started from. */
  baseVersion: string;
  /** When it was written, ISO. */
  savedAt: string;
}

/** One page's draft slot. */
export interface DraftStore {
  /** The stored draft, if any and readable. */
  load(): Draft | undefined;
  /** Writes the draft (quota errors are ignored: the editor keeps working). */
  save(draft: Omit<Draft, 'savedAt'>): void;
  /** Forgets the draft (after a successful save, or when discarded). */
  clear(): void;
}

/** Options of `createDraftStore`. */
export interface DraftStoreOptions {
  /** Storage key, one per page. */
  key: string;
  /** Storage (localStorage); undefined when the browser refuses it. */
  storage: Storage | undefined;
  /** Clock. */
  now?: () => Date;
}

/** The draft slot of one page. */
export function createDraftStore({ key, storage, now = () => new Date() }: DraftStoreOptions): DraftStore {
  return {
    load() {
      try {
        const raw = storage?.getItem(key);
        if (!raw) return undefined;
        const d = JSON.parse(raw) as Partial<Draft>;
        if (typeof d.body !== 'string' || typeof d.baseVersion !== 'string') return undefined;
        return { fields: d.fields ?? {}, body: d.body, baseVersion: d.baseVersion, savedAt: d.savedAt ?? '' };
      } catch {
        return undefined;
      }
    },
    save(draft) {
      try {
        storage?.setItem(key, JSON.stringify({ ...draft, savedAt: now().toISOString() }));
      } catch {
        // Full or forbidden storage: nothing to do, the text is still in the editor.
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // Same as above.
      }
    },
  };
}

/** localStorage, or undefined when the browser forbids it (private modes, policies). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
