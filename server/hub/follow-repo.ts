/**
 * Keeps the index, the history and the search in step with the content repository, whoever
 * changed it (the hub, a `git commit` in a terminal, a pull): one serialised `sync()`.
 */
import type { HistoryIndex } from '../git/history-index.ts';
import type { SearchIndexer } from '../search/indexer.ts';
import type { WikiIndex, IndexChange } from '../wiki/wiki-index.ts';
import { createCoalescing } from '../util/serial.ts';
import { readSearchRecords } from '../search/page-records.ts';
import { pathToSlug, slugToUrl, type PagePath } from '../wiki/paths.ts';
import type { Page } from '../wiki/page.ts';
import type { SearchRecord } from '../search/record.ts';
import type { HubEvents, PageChange } from '../events/hub-events.ts';
import { createIdleWork, type IdleWork } from '../util/idle-work.ts';
import { changedBetween, readHeadOid } from '../git/watch-repo.ts';

/** Options of createRepoFollower. */
export interface RepoFollowerOptions {
  /** The page index. */
  index: WikiIndex;
  /** The history index. */
  history: HistoryIndex;
  /** The search indexer. */
  search: SearchIndexer;
  /** Observers of each applied change. */
  onChange?: (change: IndexChange) => void;
  /** The hub's event bus: told `pages.changed` after each sync that changed pages. */
  events?: HubEvents;
  /** Makes the search records at start in slices that yield to visitors (default: slices that only yield to I/O). */
  idle?: Pick<IdleWork, 'each'>;
  /** Working tree of the repository: given, a commit's files come from a tree diff of its own, and its pages are served before the history has read it. */
  dir?: string | undefined;
}

/** Creates `sync()`: refresh history and pages, then make the changes searchable. */
export function createRepoFollower({ index, history, search, onChange, events, idle = createIdleWork(), dir }: RepoFollowerOptions) {
  const removedUrls = (paths: PagePath[]) => paths.map((p) => slugToUrl(pathToSlug(p)));

  let aliasesSeen = JSON.stringify(index.aliases);
  // The commit the index and search were last brought to, so a watcher tick after the hub's own
  // commit (already synced) does not rescan every file again.
  let syncedHead: string | undefined;
  // Texts are read back (the index keeps none), a batch at a time with bounded reads.
  const records = (pages: Iterable<Page>) => readSearchRecords({ pages: [...pages], read: (p) => index.pageSource(p), aliases: index.aliases, texts: search.texts });
  // Every page's record is its body's text: about a second of CPU per 4,000 pages, made in slices
  // of a few ms, between visitors' requests, while the search is built at start.
  const recordsInSlices = (pages: readonly Page[]): Promise<SearchRecord[]> =>
    readSearchRecords({ pages, read: (p) => index.pageSource(p), aliases: index.aliases, each: (items, fn) => idle.each(items, fn), texts: search.texts });

  // isomorphic-git's object cache for the follower's own tree diffs (pack indexes read once).
  const diffCache = {};

  /**
   * The files of the commits since the index's own, from a tree diff of two commits, when HEAD
   * moved: the history's refresh answers only once its records are written (about a second at
   * 10,000 pages while the hub is busy), and a page committed in a terminal must not wait for it.
   */
  async function quickChanges(): Promise<{ head: string; paths: string[] } | undefined> {
    const from = syncedHead;
    const head = dir === undefined || from === undefined ? undefined : await readHeadOid(dir);
    if (dir === undefined || from === undefined || head === undefined || head === from) return undefined;
    const paths = await changedBetween({ dir, from, to: head, cache: diffCache }).catch(() => undefined);
    return paths && { head, paths };
  }

  async function run(): Promise<IndexChange> {
    const quick = await quickChanges();
    const historyDone = history.refresh();
    // Awaited below on both paths; a failed index refresh must not leave it unhandled.
    historyDone.catch(() => undefined);
    let change: IndexChange;
    let head: string | undefined;
    if (quick) {
      change = await index.refresh({ paths: quick.paths });
      syncedHead = head = quick.head;
      await historyDone;
    } else {
      const answer = await historyDone;
      head = answer.head;
      // Told which files the commits changed since the index's own commit: no stat of the whole tree.
      // Anything else (first run, HEAD unmoved, so maybe edits outside commits) walks the folder.
      const targeted = syncedHead !== undefined && answer.from === syncedHead && head !== answer.from;
      change = await index.refresh(targeted ? { paths: answer.changedPaths } : {});
      syncedHead = head;
    }
    // Renamed or aliased tags change the records of pages whose files did not change.
    const aliases = JSON.stringify(index.aliases);
    if (aliases !== aliasesSeen) {
      aliasesSeen = aliases;
      await search.rebuildAll(await records(index.all()));
      onChange?.(change);
    } else if (change.changed.length || change.removed.length) {
      const upserts = await records(change.changed.map((p) => index.get(p)).filter((p) => p !== undefined));
      await search.update({ upserts, removedUrls: removedUrls(change.removed) });
      onChange?.(change);
    }
    // Not awaited: a slow listener (e-mail, webhook) must not hold the save that synced.
    if (events && (change.changed.length || change.removed.length)) void events.emit('pages.changed', { head, changes: pageChanges(change) });
    return change;
  }

  function pageChanges(change: IndexChange): PageChange[] {
    return [...change.changed, ...change.removed].map((path) => ({ path, before: change.before.get(path), after: index.get(path) }));
  }

  // A run asked for while another is running; later requests join it instead of queueing more.
  const runs = createCoalescing(run);
  const sync = (): Promise<IndexChange> => runs.run();

  return {
    /**
     * Brings everything up to date; resolves once the change is searchable. Runs are serialised,
     * and calls made while one runs share the next run (twenty saves at once: two runs, not twenty).
     */
    sync,
    /** Syncs when the repository moved to a commit not synced yet (the watcher's call). */
    syncTo(head: string | undefined): Promise<IndexChange> | undefined {
      return head !== undefined && head === syncedHead && !runs.pending() ? undefined : sync();
    },
    /** Tells that the index was fully read with `head` committed (at start): the next commit's sync can be targeted. */
    indexedAt(head: string | undefined): void {
      syncedHead ??= head;
    },
    /** Resolves when no sync is running. */
    idle: (): Promise<void> => runs.idle(),
    /** Builds the search from scratch (at start). */
    async buildSearch(): Promise<void> {
      aliasesSeen = JSON.stringify(index.aliases);
      await search.rebuildAll(await recordsInSlices(index.all()));
    },
  };
}
