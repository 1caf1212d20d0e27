/**
 * Browser search over the Pagefind bundles a viewer may load, each page in exactly one of them:
 * the public one, the team-only one for the team, each group's for its members. Each has a base
 * (maybe in parts) and a delta, all merged into one Pagefind instance, stale base results
 * dropped. No `node:` import; `fetch` is injectable for tests.
 */
import { tagKey } from '../../server/wiki/paths.ts';

/** One search result, ready to show. */
export interface SearchHit {
  url: string;
  title: string;
  /** HTML: text escaped by Pagefind, matches wrapped in `<mark>`; nothing else survives. */
  excerpt: string;
  tags: string[];
  type: string;
  typeLabel: string;
  date: string | undefined;
}

/** Filter values present in the bundles, with counts (approximate while a delta is live). */
export interface SearchFilterValues {
  /** One entry per tag whatever its spellings: `value` is the most used one, `key` its tag key. */
  tags: Array<{ value: string; key: string; count: number }>;
  types: Array<{ value: string; label: string; count: number }>;
}

/** What `searchWiki` returns. */
export interface SearchOutcome {
  results: SearchHit[];
  /** Matching pages (before the limit). */
  total: number;
  /** « Vouliez-vous dire … » proposal: some word appears nowhere readable, a correction is clear. */
  suggestion: string | undefined;
  /**
   * When the query found nothing and the suggestion did: the query the results are for (the
   * suggestion), and `suggestion` is then undefined.
   */
  corrected?: string | undefined;
}

/** Options of `createWikiSearch`. */
export interface WikiSearchOptions {
  /** URL prefix of the audience folder, without trailing slash (`/pagefind/public`); several, comma-separated, are merged (`/pagefind/public,/pagefind/equipe,/pagefind/groupe-accompagnement`). */
  prefix: string;
  /** Suggestion endpoint (`/api/suggest`), or null to never ask. */
  suggestUrl?: string | null;
  /** Manifest is re-read when older than this (default 30 s), so open tabs see new edits. */
  refreshMs?: number;
  /** Injectable fetch (tests). */
  fetch?: typeof fetch;
}

/** Narrowing of a search. */
export interface SearchOptions {
  /** Tags that must all be on the page. */
  tags?: string[];
  /** Page type keys, any of which the page may have. */
  types?: string[];
  /** Results to return (default 10). */
  limit?: number;
  /** Search the words as typed: no results for a confident correction (« chercher plutôt … »). */
  exact?: boolean;
}

/** The search of one audience. */
export interface WikiSearch {
  /** Searches; `tags` must all match, `types` any. An empty query with filters lists pages. */
  searchWiki(query: string, filters?: SearchOptions): Promise<SearchOutcome>;
  /** Tags and types present, for filter chips. */
  getFilters(): Promise<SearchFilterValues>;
  /** Asks the server for a spelling suggestion. */
  suggest(query: string): Promise<string | undefined>;
}

interface Manifest {
  baseVersion: string;
  basePath: string;
  basePages: number;
  baseMorePaths?: string[];
  deltaVersion: string | null;
  deltaPath: string | null;
  changedUrls: string[];
  removedUrls: string[];
  typeLabels: Record<string, string>;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, unknown> }): Promise<{ results: Array<{ data(): Promise<PagefindData> }> }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface Loaded {
  /** Type labels of every loaded bundle. */
  manifest: Pick<Manifest, 'typeLabels'>;
  /** One per prefix, in order: the base audience first, then each group. */
  manifests: Manifest[];
  pagefind: PagefindModule | undefined;
  /** Live bundle versions, each with the URLs whose results in it are stale. */
  live: Map<string, Set<string>>;
  at: number;
}

/** Keeps `<mark>` and `</mark>` only: Pagefind escapes the text, this guards against anything else. */
export function safeExcerpt(html: string): string {
  return html.replace(/<(?!\/?mark>)/g, '&lt;');
}

/** Creates the search for the audience served at `prefix`. */
export function createWikiSearch(options: WikiSearchOptions): WikiSearch {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const refreshMs = options.refreshMs ?? 30_000;
  const suggestUrl = options.suggestUrl === undefined ? '/api/suggest' : options.suggestUrl;
  let loaded: Promise<Loaded> | undefined;

  /**
   * One module instance per manifest: the query string makes the browser load a fresh copy, so a
   * superseded delta (whose files are later deleted) is never merged into the instance in use.
   */
  const prefixes = options.prefix.split(',').map((p) => p.trim()).filter((p) => p !== '');

  async function importBundle(prefix: string, path: string, key: string): Promise<PagefindModule> {
    const url = `${prefix}/${path}pagefind.js?v=${encodeURIComponent(key)}`;
    const module = (await import(/* @vite-ignore */ url)) as PagefindModule;
    await module.options({ baseUrl: '/' });
    return module;
  }

  async function readManifest(prefix: string): Promise<Manifest> {
    const response = await doFetch(`${prefix}/manifest.json`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`La recherche est indisponible (index introuvable, ${response.status}). Réessayez dans un instant.`);
    return (await response.json()) as Manifest;
  }

  async function load(previous: Loaded | undefined): Promise<Loaded> {
    const manifests = await Promise.all(prefixes.map(readManifest));
    const versionsOf = (ms: Manifest[]) => ms.map((m) => `${m.baseVersion}+${m.deltaVersion ?? ''}`).join(',');
    const key = versionsOf(manifests);
    if (previous && versionsOf(previous.manifests) === key) return { ...previous, at: Date.now() };
    let pagefind: PagefindModule | undefined;
    const live = new Map<string, Set<string>>();
    for (const [i, manifest] of manifests.entries()) {
      const prefix = prefixes[i] ?? '';
      const stale = new Set([...manifest.changedUrls, ...manifest.removedUrls]);
      live.set(manifest.baseVersion, stale);
      if (manifest.deltaVersion) live.set(manifest.deltaVersion, new Set());
      // An empty base has no language index: Pagefind cannot be primary on it, a later bundle can.
      const baseParts = manifest.basePages > 0 ? [manifest.basePath, ...(manifest.baseMorePaths ?? [])] : [];
      for (const path of [...baseParts, manifest.deltaPath ?? undefined]) {
        if (path === undefined) continue;
        if (!pagefind) pagefind = await importBundle(prefix, path, key);
        else await pagefind.mergeIndex(`${prefix}/${path}`, { baseUrl: '/' });
      }
    }
    const typeLabels = Object.assign({}, ...manifests.map((m) => m.typeLabels)) as Record<string, string>;
    return { manifest: { typeLabels }, manifests, pagefind, live, at: Date.now() };
  }

  async function current(): Promise<Loaded> {
    const previous = loaded ? await loaded.catch(() => undefined) : undefined;
    if (!loaded || !previous || Date.now() - previous.at > refreshMs) {
      loaded = load(previous);
      loaded.catch(() => (loaded = undefined));
    }
    return loaded;
  }

  /** Base results of changed pages and results of superseded deltas are dropped. */
  function isLive(data: PagefindData, l: Loaded): boolean {
    const stale = l.live.get(data.filters['bundle']?.[0] ?? '');
    return stale !== undefined && !stale.has(data.url);
  }


  async function run(l: Loaded, query: string, filters: SearchOptions): Promise<SearchOutcome> {
    const limit = filters.limit ?? 10;
    const pagefindFilters: Record<string, unknown> = {};
    // By key: any spelling of a tag, or one of its old names, selects the same pages.
    if (filters.tags?.length) pagefindFilters['tagkey'] = [...new Set(filters.tags.map(tagKey))];
    if (filters.types?.length) pagefindFilters['type'] = { any: filters.types };
    const q = query.trim();
    if (!l.pagefind || (!q && Object.keys(pagefindFilters).length === 0)) return { results: [], total: 0, suggestion: undefined };
    const search = await l.pagefind.search(q || null, { filters: pagefindFilters });
    const results: SearchHit[] = [];
    const seen = new Set<string>();
    let dropped = 0;
    for (let i = 0; i < search.results.length && results.length < limit; i += limit) {
      const page = await Promise.all(search.results.slice(i, i + limit).map((r) => r.data()));
      for (const data of page) {
        if (!isLive(data, l) || seen.has(data.url)) dropped += 1;
        else if (results.length < limit) {
          seen.add(data.url);
          results.push(toHit(data, l.manifest));
        }
      }
    }
    // Approximate past the scanned pages: stale twins further down are not counted out.
    const total = Math.max(results.length, search.results.length - dropped);
    // Asked even when Pagefind answers: its partial matches give pages for a word no page holds.
    const suggestion = q ? await api.suggest(q) : undefined;
    // The server proposes only when a word appears nowhere readable and one correction is clearly
    // better: its results come at once, and the person can still ask for the words as typed.
    if (suggestion && !filters.exact) {
      const fixed = await run(l, suggestion, { ...filters, exact: true });
      if (fixed.results.length > 0) return { results: fixed.results, total: fixed.total, suggestion: undefined, corrected: suggestion };
    }
    return { results, total, suggestion };
  }

  const api: WikiSearch = {
    async searchWiki(query, filters = {}) {
      try {
        return await run(await current(), query, filters);
      } catch {
        // The bundle was replaced under us (old files deleted): read the manifest again, once.
        loaded = undefined;
        return run(await current(), query, filters);
      }
    },
    async getFilters() {
      const l = await current();
      const raw = l.pagefind ? await l.pagefind.filters() : {};
      const byCount = (a: { value: string; count: number }, b: { value: string; count: number }) =>
        b.count - a.count || a.value.localeCompare(b.value, 'fr');
      return {
        tags: groupSpellings(raw['tag'] ?? {}).sort(byCount),
        types: Object.entries(raw['type'] ?? {})
          .map(([value, count]) => ({ value, count, label: l.manifest.typeLabels[value] ?? value }))
          .sort(byCount),
      };
    },
    async suggest(query) {
      if (!suggestUrl) return undefined;
      try {
        const response = await doFetch(`${suggestUrl}?q=${encodeURIComponent(query)}`);
        if (!response.ok) return undefined;
        const body = (await response.json()) as { suggestion?: unknown };
        return typeof body.suggestion === 'string' ? body.suggestion : undefined;
      } catch {
        return undefined; // a suggestion is a bonus: never fail the search for it
      }
    },
  };
  return api;
}

/** One facet per tag key: counts summed, shown under the most used spelling. */
export function groupSpellings(counts: Record<string, number>): Array<{ value: string; key: string; count: number }> {
  const groups = new Map<string, { value: string; key: string; count: number; best: number }>();
  for (const [value, count] of Object.entries(counts)) {
    const key = tagKey(value);
    const g = groups.get(key);
    if (!g) groups.set(key, { value, key, count, best: count });
    else {
      g.count += count;
      if (count > g.best) Object.assign(g, { value, best: count });
    }
  }
  return [...groups.values()].map(({ value, key, count }) => ({ value, key, count }));
}

function toHit(data: PagefindData, manifest: Pick<Manifest, 'typeLabels'>): SearchHit {
  const type = data.filters['type']?.[0] ?? 'page';
  return {
    url: data.url,
    title: data.meta['title'] ?? data.url,
    excerpt: safeExcerpt(data.excerpt),
    tags: data.filters['tag'] ?? [],
    type,
    typeLabel: manifest.typeLabels[type] ?? data.meta['type'] ?? type,
    date: data.meta['date'],
  };
}
