/**
 * The in-memory index of every page of the content folder: pages, tags, links, backlinks. It
 * follows the folder: `refresh()` re-reads only files whose size or time changed.
 */
import { readContentText } from '../git/content-files.ts';
import { comparePages, createIndexFolder } from './index-folder.ts';
import { createFileNames } from './file-names.ts';
import { buildLinkGraph, type UpdatableLinkGraph } from './link-graph.ts';
import type { RawLink } from './links.ts';
import type { LinkResolution, LinkToResolve } from './resolve-link.ts';
import { parsePage } from './parse-page.ts';
import { pageFromText, type ParsedPageFile } from './page-file.ts';
import { parseInWorkers, parsePoolThreshold } from './parse-pool.ts';
import type { FileStamp, SkippedFile } from './scan-files.ts';
import { parseTagAliases, tagSettingsPath } from './tag-settings.ts';
import { emptySettings, parseRepoSettings, settingsFiles, type RepoSettings, type SettingsTexts } from './repo-settings.ts';
import { groupTags, hasTag, type TagAliases, type TagInfo } from './tags.ts';
import { slugToPath, type PagePath, type PageSlug, type TagKey } from './paths.ts';
import type { Page, PageLink } from './page.ts';
import { applyPostName, createSitePlaces, outlinePageOf, type AddressMatch } from './layouts/site-places.ts';
import type { AddressMoves } from './layouts/addresses.ts';
import type { OutlineSection } from './layouts/outline.ts';
import { createKeptOutline } from './layouts/kept-outline.ts';
import type { SiteLayout } from './layouts/site-layout.ts';
import { createLimit, fileReadConcurrency } from '../util/limit.ts';
import { createPageSources, MAX_PAGE_BYTES, oversizedSource, type PageSource } from './page-sources.ts';

export { MAX_PAGE_BYTES } from './page-sources.ts';

/** What a refresh changed. */
export interface IndexChange {
  /** Pages added or modified. */
  changed: PagePath[];
  /** Pages removed. */
  removed: PagePath[];
  /** Each changed or removed page as it was before this refresh (absent: the page is new). */
  before: ReadonlyMap<PagePath, Page>;
}

/** What a link to the page resolves to: absent, or its title, aliases, address and visibility. */
function linkTargetOf(page: Page | undefined): string {
  return page ? JSON.stringify([page.meta.title, page.meta.aliases, page.permalink, page.meta.visibility]) : '';
}

/** Where a page may be served, and from where: changes to these move the address table. */
function addressKeyOf(page: Page | undefined): string {
  return page ? JSON.stringify([page.permalink, page.redirectsFrom]) : '';
}

/** What a page's place in the sommaire depends on besides its path: title, `order`, date. */
function outlineKeyOf(page: Page | undefined): string {
  return page ? JSON.stringify([page.meta.title, (page.meta as { order?: unknown }).order, page.meta.date]) : '';
}

/** Re-inserts a map's entries sorted by path. */
function inPathOrder(map: Map<PagePath, unknown>): void {
  // A start from the snapshot inserts its pages in path order already: one pass tells, no sort.
  let previous = '';
  let sorted = true;
  for (const k of map.keys()) {
    if (k < previous) {
      sorted = false;
      break;
    }
    previous = k;
  }
  if (sorted) return;
  const entries = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

/** Options of createWikiIndex. */
export interface WikiIndexOptions {
  /** Content folder (the working tree of the content repository). */
  dir: string;
  /** Snapshot of the parsed pages in the data folder (`index-snapshot.ndjson`), read by the first refresh; none: every start parses every page. */
  snapshotFile?: string | undefined;
  /** From this many files to read in one refresh, worker threads read and parse them (default `parsePoolThreshold`). */
  workerThreshold?: number | undefined;
}

/** What the index did since it was created, for tests and the benchmark. */
export interface IndexCounters {
  /** Page files read and parsed (not taken from the snapshot). */
  pagesRead: number;
  /** Pages taken from the snapshot. */
  pagesFromSnapshot: number;
  /** Of `pagesRead`, those read and parsed by worker threads. */
  pagesReadInWorkers: number;
  /** Full walks of the folder made by a worker thread. */
  walksInWorker: number;
  /** Link graphs built from scratch (title lookup and every link resolved). */
  linkGraphBuilds: number;
  /** Address tables built from scratch (the first load, a new layout). */
  addressTableBuilds: number;
  /** Pages whose links a change resolved again (those that asked about what changed, not every page). */
  linksResolvedAgain: number;
  /** Sommaire orders built (every page sorted). */
  outlineBuilds: number;
}

/** The wiki index. */
export type WikiIndex = ReturnType<typeof createWikiIndex>;

/** Creates an empty index over `dir`; call `refresh()` to load it. */
export function createWikiIndex({ dir, snapshotFile, workerThreshold = parsePoolThreshold }: WikiIndexOptions) {
  const pages = new Map<PagePath, Page>();
  const raw = new Map<PagePath, RawLink[]>();
  const stamps = new Map<PagePath, FileStamp>();
  let aliases: TagAliases = {};
  let aliasProblem: string | undefined;
  let graph: UpdatableLinkGraph | undefined;
  let version = 0;
  // Moves only when what a link to a page resolves to can change (pages added or removed, a
  // title, alias or visibility edited): rendered pages stay valid across ordinary body edits.
  let linkVersion = 0;
  let running: Promise<IndexChange> | undefined;
  let runningFull = false;
  let skipped: SkippedFile[] = [];
  let settings: RepoSettings = emptySettings;
  let settingsText = '';
  // Every file read of the index shares one bound: 100,000 pages read at once exhausted the fds.
  const reads = createLimit(fileReadConcurrency);
  const readText = (p: string): Promise<string | undefined> => reads(() => readContentText(dir, p));
  const places = createSitePlaces({ readText });
  // The sommaire's order: sorted on first use, then patched page by page (sorting 10,000 pages took tens of ms a commit).
  const sommaire = createKeptOutline({
    layout: () => places.layout,
    pages: () => [...pages.values()].map(outlinePageOf),
    page: (p) => {
      const page = pages.get(p);
      return page && outlinePageOf(page);
    },
  });
  // Page texts are read back on demand, never held by the index (`pageSource`).
  const sources = createPageSources({ dir, reads });
  // Files that are not pages, for Obsidian embeds by name (`![[schema.png]]`).
  let fileNames = createFileNames([]);
  const counters: IndexCounters = { pagesRead: 0, pagesFromSnapshot: 0, pagesReadInWorkers: 0, walksInWorker: 0, linkGraphBuilds: 0, addressTableBuilds: 0, linksResolvedAgain: 0, outlineBuilds: 0 };
  // The last walk of the folder, and the previous run's snapshot at start.
  const folder = createIndexFolder({ dir, reads, snapshotFile, workerThreshold });
  let savedVersion: number | undefined;

  async function readPage(p: PagePath, stamp: FileStamp): Promise<void> {
    const kept = folder.reusable(p, stamp);
    if (kept) {
      counters.pagesFromSnapshot++;
      pages.set(p, kept.page);
      raw.set(p, kept.raw);
      return;
    }
    const text = stamp.size > MAX_PAGE_BYTES ? oversizedSource(p, stamp.size) : await readText(p);
    // Replaced by a link (or gone) since the scan: the next refresh drops it.
    if (text !== undefined) keepParsed(p, pageFromText({ path: p, text, size: stamp.size, settings }));
  }

  function keepParsed(p: PagePath, parsed: ParsedPageFile): void {
    counters.pagesRead++;
    pages.set(p, parsed.page);
    raw.set(p, parsed.raw);
  }

  // Many files to read (a first start, a large commit): worker threads read and parse them, off
  // the event loop and on every core; a failed worker leaves them to the in-thread reads.
  async function readPages(list: readonly PagePath[], now: ReadonlyMap<PagePath, FileStamp>): Promise<void> {
    const unread = list.filter((p) => !folder.reusable(p, now.get(p) as FileStamp));
    const done = new Set<PagePath>();
    if (unread.length >= workerThreshold) {
      const files = unread.map((p): [PagePath, number] => [p, (now.get(p) as FileStamp).size]);
      const parsed = await parseInWorkers({ dir, settings, files }).catch((error: unknown) => console.error('[index] lecture en parallèle impossible, lecture une à une :', error));
      for (const [k, p] of parsed ? unread.entries() : []) {
        done.add(p);
        const page = parsed?.[k];
        if (!page) continue;
        keepParsed(p, page);
        counters.pagesReadInWorkers++;
      }
    }
    await Promise.all(list.filter((p) => !done.has(p)).map((p) => readPage(p, now.get(p) as FileStamp)));
  }

  async function readAliases(): Promise<void> {
    const text = await readText(tagSettingsPath);
    if (text === undefined) {
      aliases = {};
      return;
    }
    try {
      aliases = parseTagAliases(text);
      aliasProblem = undefined;
    } catch (error) {
      // A refused file (alias bomb, too large, broken) only loses the aliases: the wiki serves on.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== aliasProblem) console.error(`[étiquettes] ${message} : alias d’étiquettes ignorés jusqu’à sa correction.`);
      aliasProblem = message;
      aliases = {};
    }
  }

  /**
   * Reads `_gare/visibilite.yml`, `licence.yml` and `acces.yml`; when they changed, every page is
   * parsed again from its text read back (bounded reads): its visibility, licence or groups may
   * have changed. Returns the pages re-parsed.
   */
  async function readSettings(): Promise<PagePath[]> {
    const texts: SettingsTexts = {};
    for (const [key, path] of Object.entries(settingsFiles) as [keyof typeof settingsFiles, string][]) texts[key] = await readText(path);
    const text = JSON.stringify(texts);
    if (text === settingsText) return [];
    settingsText = text;
    settings = parseRepoSettings(texts);
    for (const problem of settings.problems) console.error(`[réglages] ${problem.message} : réglage ignoré jusqu’à sa correction.`);
    const again = await Promise.all([...pages.values()].map(async (page) => reparse(page, await sources.read(page, true))));
    for (const page of again) if (page) pages.set(page.path, page);
    return [...pages.keys()];
  }

  function reparse(page: Page, text: PageSource | undefined): Page | undefined {
    // Gone since: the scan that follows drops it.
    if (text === undefined) return undefined;
    const again = applyPostName(parsePage({ path: page.path, source: text.source, settings, ...(page.size > MAX_PAGE_BYTES ? { size: page.size } : {}) }));
    if (page.problems.some((x) => x.field === 'body')) again.problems.push(...page.problems.filter((x) => x.field === 'body'));
    return again;
  }

  async function doRefresh(paths?: readonly string[]): Promise<IndexChange> {
    const linkVersionBefore = linkVersion;
    const reparsed = await readSettings();
    await folder.loadSnapshot(settingsText);
    const { scan, looked, filesMoved } = await folder.scan(paths);
    const relaid = await places.detect(scan.markers);
    skipped = scan.skipped;
    // A file added or removed can mend or break an embed: the links naming it are resolved again
    // (every link after a full walk, which does not say which files came or went).
    if (filesMoved) {
      fileNames = createFileNames(scan.files);
      linkVersion++;
      if (looked === undefined) graph = undefined;
      version++;
    }
    // Only the paths a commit touched are compared, unless the layout moved (it decides what is a page).
    const { changed, removed } = comparePages({ scan, looked: relaid ? undefined : looked, stamps, isPage: places.isPage });
    if (reparsed.length > 0) linkVersion++;
    const fresh = new Set(changed);
    for (const p of reparsed) if (!fresh.has(p) && scan.pages.has(p) && places.isPage(p)) changed.push(p);
    const linkTargets = new Map(changed.map((p) => [p, linkTargetOf(pages.get(p))]));
    const before = new Map<PagePath, Page>();
    for (const p of [...changed, ...removed]) {
      const page = pages.get(p);
      if (page) before.set(p, page);
    }
    const initial = pages.size === 0;
    await readPages([...fresh], scan.pages);
    // Reads finish in any order, and the first page to claim a title or address keeps it: the
    // first load is put in path order, so the same files give the same index, restart or not.
    if (initial) for (const map of [pages, raw] as Map<PagePath, unknown>[]) inPathOrder(map);
    folder.dropSnapshot();
    const added = changed.some((p) => !before.has(p));
    if (removed.length || changed.some((p) => linkTargets.get(p) !== linkTargetOf(pages.get(p)))) linkVersion++;
    for (const p of removed) {
      pages.delete(p);
      raw.delete(p);
      stamps.delete(p);
    }
    for (const p of changed) stamps.set(p, scan.pages.get(p) as FileStamp);
    await markConflicts([...changed, ...removed]);
    const aliasesBefore = JSON.stringify(aliases);
    await readAliases();
    // Tag lists and counts derive from the aliases: readers' per-version lists must be made again.
    if (JSON.stringify(aliases) !== aliasesBefore) version++;
    const moved = relaid || added || removed.length > 0 || changed.some((p) => addressKeyOf(before.get(p)) !== addressKeyOf(pages.get(p)));
    // The sommaire's order follows pages added, removed, retitled or reordered, not body edits.
    if (relaid) sommaire.drop();
    else if (moved || changed.some((p) => outlineKeyOf(before.get(p)) !== outlineKeyOf(pages.get(p)))) {
      const reordered = changed.filter((p) => outlineKeyOf(before.get(p)) !== outlineKeyOf(pages.get(p))).map((p) => pages.get(p));
      sommaire.change(reordered.filter((p) => p !== undefined).map(outlinePageOf), removed);
    }
    // Addresses depend on pages' paths and declared addresses, and on the layout: a new layout places
    // every page again; otherwise the table moves only what the pages read or removed can move. It
    // is given every page read again, so it holds no older version of a page.
    const moves: AddressMoves = relaid ? { addresses: [], readdressed: [] } : places.place({ upserts: changed.map((p) => pages.get(p)).filter((p) => p !== undefined), removed });
    if (relaid) {
      counters.addressTableBuilds++;
      places.placeAll(pages.values());
      graph = undefined;
    }
    if (relaid || moves.addresses.length > 0 || moves.readdressed.length > 0) {
      if (linkVersion === linkVersionBefore) linkVersion++;
      version++;
    }
    if (changed.length || removed.length || filesMoved) {
      // The graph resolves again only the links that asked about what changed.
      const files = filesMoved && looked ? looked.filter((p) => !p.endsWith('.md')) : [];
      if (graph) counters.linksResolvedAgain += graph.update({ changed, removed, ...moves, files });
      version++;
    }
    // Every list, feed, search record and export links a page where it is served: no 301 hop.
    // Only the pages read again, and those the table moved, need theirs.
    const addressed = relaid ? pages.values() : [...new Set([...changed, ...moves.readdressed])].map((p) => pages.get(p)).filter((p) => p !== undefined);
    for (const page of addressed) page.url = places.urlOf(page.path);
    return { changed, removed, before };
  }

  // A sync conflict keeps the remote side as `x.distant.md`: both pages show « à réconcilier ».
  async function markConflicts(touched: PagePath[]): Promise<void> {
    for (const p of touched) {
      const own = (p.endsWith('.distant.md') ? p.replace(/\.distant\.md$/, '.md') : p) as PagePath;
      const page = pages.get(own);
      if (!page) continue;
      const conflicted = pages.has(own.replace(/\.md$/, '.distant.md') as PagePath);
      if (conflicted) page.meta.status = 'a-reconcilier';
      else if (page.meta.status === 'a-reconcilier') {
        const text = await sources.read(page, true);
        if (text) page.meta.status = parsePage({ path: own, source: text.source, settings }).meta.status;
      }
    }
  }

  function links(): UpdatableLinkGraph {
    if (!graph) counters.linkGraphBuilds++;
    graph ??= buildLinkGraph(pages, raw, {
      byAddress: places.pageAtAddress,
      byFileName: (name) => fileNames.find(name),
      addressOf: (p) => places.urlOf(p as PagePath).slice('/wiki/'.length),
    });
    return graph;
  }

  return {
    /**
     * Re-reads changed files; concurrent calls share one pass. With `paths` (the files a commit
     * changed) only those are looked at, unless one needs the full walk (a layout marker, a link).
     */
    async refresh(options: { paths?: readonly string[] | undefined } = {}): Promise<IndexChange> {
      const { paths } = options;
      // A full pass is shared; a targeted pass never stands in for a full one, nor the reverse.
      while (running && !(paths === undefined && runningFull)) await running.catch(() => undefined);
      if (running) return running;
      runningFull = paths === undefined;
      running = doRefresh(paths).finally(() => (running = undefined));
      return running;
    },
    /**
     * Writes the parsed pages to the snapshot file (when the index changed since the last write),
     * so the next start reads only the files that changed meanwhile. `head`: the commit they are at.
     */
    async saveSnapshot(options: { head: string | undefined }): Promise<void> {
      if (snapshotFile === undefined || savedVersion === version) return;
      while (running) await running.catch(() => undefined);
      const at = version;
      const entries = [...pages].map(([p, page]): [PagePath, FileStamp, Page, RawLink[]] => [p, stamps.get(p) as FileStamp, page, raw.get(p) ?? []]);
      await folder.saveSnapshot({ head: options.head, settingsText, pages: entries });
      savedVersion = at;
    },
    /**
     * True when the first refresh took the folder's walk from the snapshot (HEAD had not moved):
     * no file was stat'ed, so an edit made outside any commit while the hub was stopped is seen
     * only by the next full `refresh()`, which the hub runs in the background.
     */
    get startedFromSnapshot(): boolean {
      return folder.startedFromSnapshot;
    },
    /** What the index read and built since it was created. */
    get counters(): Readonly<IndexCounters> {
      return { ...counters, walksInWorker: folder.walksInWorker };
    },
    /** Increments on every change; caches key on it. */
    get version(): number {
      return version;
    },
    /** Increments when a link could resolve differently (renders key on it). */
    get linkVersion(): number {
      return linkVersion;
    },
    /** Every page (unfiltered: callers filter by audience). */
    all(): Page[] {
      return [...pages.values()];
    },
    /**
     * The text of a page (the index's current one by path, or a page object such as an
     * `IndexChange.before`), read back from its file or from git; unfiltered: the reader checks
     * who may read it. Undefined when the page is unknown or its text is gone.
     */
    async pageSource(page: string | Page): Promise<PageSource | undefined> {
      const found = typeof page === 'string' ? pages.get(page as PagePath) : page;
      // Only the text the index parsed: a file edited by hand since (not committed) may have
      // changed its visibility, and the reader checks the one the index holds.
      return found ? sources.read(found, false) : undefined;
    },
    /** Page texts read back and cached (for tests and the benchmark). */
    get sourceCounters() {
      return { ...sources.counters, cachedBytes: sources.bytes };
    },
    /** A page by path. */
    get(p: string): Page | undefined {
      return pages.get(p as PagePath);
    },
    /** A page by slug (`ressources/visio`). */
    getBySlug(slug: string): Page | undefined {
      return pages.get(slugToPath(slug as PageSlug));
    },
    /** URL of a page at its address: a folder's landing page at the folder, without the content root, at its `permalink:`. */
    addressOf(p: PagePath): string {
      return places.urlOf(p);
    },
    /** Where an address after `/wiki/` leads (`guide/`, an old path, a redirect), unfiltered: the reader checks who may read it. */
    matchAddress(address: string): AddressMatch | undefined {
      return places.match(address);
    },
    /**
     * Sections and their pages in the original tool's order, keeping only `subset` (what the viewer
     * reads); a section is named by its landing page only when that page is in `subset`.
     */
    outline(subset: readonly Page[]): OutlineSection[] {
      const sorts = sommaire.sorts;
      const sections = sommaire.sections();
      counters.outlineBuilds += sommaire.sorts - sorts;
      const keep = new Set(subset.map((p) => p.path));
      return sections
        .map((s) => {
          const landing = s.landing !== undefined && keep.has(s.landing) ? s.landing : undefined;
          const title = s.label ?? (landing === undefined ? undefined : pages.get(landing)?.meta.title);
          return { ...s, title, landing, pages: s.pages.filter((p) => keep.has(p)) };
        })
        .filter((s) => s.pages.length > 0);
    },
    /** The layout detected (generators, content root, site title). */
    get layout(): SiteLayout {
      return places.layout;
    },
    /** A repository file that is not a page, by name or end of path (Obsidian `![[schema.png]]`). */
    findFile(name: string): string | undefined {
      return fileNames.find(name);
    },
    /** A page by title or alias, without case or accents. */
    findByTitle(title: string): Page | undefined {
      const p = links().byTitle(title);
      return p ? pages.get(p) : undefined;
    },
    /** Resolves one link written in page `from` with the one resolver (the renderer's too). */
    resolveLink(from: PagePath, link: LinkToResolve): LinkResolution {
      return links().resolve(from, link);
    },
    /**
     * Links of a page in document order with their resolution, computed once per index version.
     * `resolved` ignores who reads: a viewer who may not read it must treat the link as broken.
     */
    linksOf(p: PagePath): readonly PageLink[] {
      return links().linksOf(p);
    },
    /** Pages linking to this page. */
    backlinks(p: PagePath): Page[] {
      return links().backlinks(p).map((b) => pages.get(b)).filter((b): b is Page => !!b);
    },
    /** Pages this page links to. */
    outgoing(p: PagePath): Page[] {
      return links().outgoing(p).map((b) => pages.get(b)).filter((b): b is Page => !!b);
    },
    /** Links that lead nowhere. */
    brokenLinks() {
      return links().broken;
    },
    /** Pages nothing links to. */
    orphans(): Page[] {
      const g = links();
      return [...pages.values()].filter((p) => g.backlinks(p.path).length === 0);
    },
    /** Tags of the given pages (default all), most used first. */
    tags(subset: Iterable<Page> = pages.values()): TagInfo[] {
      return groupTags(subset, aliases);
    },
    /** True when a page carries the tag or one of its aliases. */
    hasTag(page: Page, key: TagKey): boolean {
      return hasTag(page, key, aliases);
    },
    /** Settings of the repository (`_gare/visibilite.yml`, `licence.yml`, `acces.yml`) as the pages were read with. */
    get settings(): RepoSettings {
      return settings;
    },
    /** Tag alias table. */
    get aliases(): TagAliases {
      return aliases;
    },
    /** Files of the working tree the index refused (links, odd names): unfiltered, for the team. */
    skippedFiles(): readonly SkippedFile[] {
      return skipped;
    },
    /** Pages whose front matter has problems. */
    problems(): Page[] {
      return [...pages.values()].filter((p) => p.problems.length > 0);
    },
  };
}
