/**
 * The title lookup of the link graph (`[[Titre]]` → page), updated page by page: a commit that
 * renames one title changes that page's keys only, where rebuilding the lookup cost 44 ms at
 * 10,000 pages. Same rule as `createLinkLookup`: the first page (in index order) to claim a key keeps it.
 */
import type { PagePath } from './paths.ts';
import { titleKey } from './resolve-link.ts';

/** Options of `createTitleTable`. */
export interface TitleTableOptions {
  /** Index order of a page (lower claims first). */
  rankOf(path: PagePath): number;
}

/** Creates an empty table; `set` each page's keys in index order. */
export function createTitleTable({ rankOf }: TitleTableOptions) {
  // Every page claiming a key, in index order: the first one wins, the next takes over when it lets
  // go. Most keys have one claimant, kept bare: an array for each cost 0.1 MB per 1,000 pages.
  const claims = new Map<string, PagePath | PagePath[]>();
  const keysOf = new Map<PagePath, readonly string[]>();

  function claim(key: string, path: PagePath): void {
    const held = claims.get(key);
    if (held === undefined) return void claims.set(key, path);
    const list = typeof held === 'string' ? [held] : held;
    claims.set(key, list);
    const rank = rankOf(path);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rankOf(list[mid] as PagePath) < rank) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, path);
  }

  function release(key: string, path: PagePath): void {
    const held = claims.get(key);
    if (held === path) return void claims.delete(key);
    if (held === undefined || typeof held === 'string') return;
    const at = held.indexOf(path);
    if (at >= 0) held.splice(at, 1);
    if (held.length === 1) claims.set(key, held[0] as PagePath);
  }

  return {
    /** The page a title, alias or file name leads to (compared by `titleKey`). */
    byTitle(title: string): PagePath | undefined {
      return this.byKey(titleKey(title));
    },
    /** The page holding a key as given (already a `titleKey`, or any exact key such as an address). */
    byKey(key: string): PagePath | undefined {
      const held = claims.get(key);
      return typeof held === 'string' ? held : held?.[0];
    },
    /** Gives a page its keys (title, aliases, file name: `titleKeysOf`); returns the keys whose claim changed. */
    set(path: PagePath, keys: readonly string[]): string[] {
      const old = keysOf.get(path) ?? [];
      if (old.length === keys.length && old.every((k, i) => k === keys[i])) return [];
      const changed = [...old.filter((k) => !keys.includes(k)), ...keys.filter((k) => !old.includes(k))];
      for (const k of old) if (!keys.includes(k)) release(k, path);
      for (const k of keys) if (!old.includes(k)) claim(k, path);
      keysOf.set(path, keys);
      return changed;
    },
  };
}

/** A title table. */
export type TitleTable = ReturnType<typeof createTitleTable>;
