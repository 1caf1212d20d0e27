/**
 * What the index knows of the content folder between refreshes: its last walk (patched in place
 * for the paths a commit changed), and at start the snapshot of the previous run, whose pages are
 * taken back while their file is unchanged and whose walk is taken as is while HEAD has not moved.
 */
import { readHeadOid } from '../git/watch-repo.ts';
import type { Limit } from '../util/limit.ts';
import { loadIndexSnapshot, reusablePage, saveIndexSnapshot, type IndexSnapshot, type SnapshotPage } from './index-snapshot.ts';
import type { RawLink } from './links.ts';
import type { Page } from './page.ts';
import type { PagePath } from './paths.ts';
import { scanPageFiles, type FileStamp, type PageScan } from './scan-files.ts';
import { patchPageScan } from './scan-paths.ts';
import { scanInWorker, tracksManyFiles } from './scan-in-worker.ts';

/** Options of `createIndexFolder`. */
export interface IndexFolderOptions {
  /** Content folder. */
  dir: string;
  /** Bounds the stats in flight (the index's read bound). */
  reads: Limit;
  /** The snapshot file; none: nothing is kept across restarts. */
  snapshotFile: string | undefined;
  /** From about this many files, a full walk runs in a worker thread (none: always on the event loop). */
  workerThreshold?: number | undefined;
}

/** A scan brought up to date: the paths it looked at (undefined: every file), and whether attachments came or went. */
export interface FolderScan {
  /** The scan (the index's own, patched in place later). */
  scan: PageScan;
  /** Paths compared (undefined: the whole folder). */
  looked: readonly string[] | undefined;
  /** A file that is not a page was added or removed. */
  filesMoved: boolean;
}

/** Pages added or modified, and removed, among `looked` (every page when undefined), by their stamps. */
export function comparePages(options: { scan: PageScan; looked: readonly string[] | undefined; stamps: ReadonlyMap<PagePath, FileStamp>; isPage: (path: string) => boolean }) {
  const { scan, looked, stamps, isPage } = options;
  const changed: PagePath[] = [];
  const removed: PagePath[] = [];
  const candidates = looked === undefined ? [...stamps.keys(), ...scan.pages.keys()] : (looked as PagePath[]);
  for (const p of new Set(candidates)) {
    const s = scan.pages.get(p);
    if (s === undefined || !isPage(p)) {
      if (stamps.has(p)) removed.push(p);
      continue;
    }
    const old = stamps.get(p);
    if (!old || old.size !== s.size || old.mtimeMs !== s.mtimeMs) changed.push(p);
  }
  return { changed, removed };
}

/** Creates the folder state of an index. */
export function createIndexFolder({ dir, reads, snapshotFile, workerThreshold }: IndexFolderOptions) {
  let lastScan: PageScan | undefined;
  let fileList = '';
  // Read by the first refresh only, then dropped: the pages it holds are the index's from then on.
  let snapshot: IndexSnapshot | undefined;
  let snapshotTried = snapshotFile === undefined;
  let trustedScan: PageScan | undefined;
  let fromSnapshot = false;
  let walksInWorker = 0;

  // A large folder is walked in a worker thread (known large from the last walk, or from the git
  // index's size before the first); a failed worker leaves the walk to the event loop.
  async function walkAll(): Promise<PageScan> {
    const large = workerThreshold !== undefined && (lastScan ? lastScan.pages.size >= workerThreshold : await tracksManyFiles(dir, workerThreshold));
    const scanned = large ? await scanInWorker(dir).catch((error: unknown) => console.error('[index] parcours du dossier en parallèle impossible :', error)) : undefined;
    if (scanned) walksInWorker++;
    return scanned ?? scanPageFiles(dir, reads);
  }

  return {
    /** Loads the snapshot once (pages parsed with `settingsText` only); a refused one is logged, never thrown. */
    async loadSnapshot(settingsText: string): Promise<void> {
      if (snapshotTried || snapshotFile === undefined) return;
      snapshotTried = true;
      const loaded = await loadIndexSnapshot({ file: snapshotFile, settingsText });
      if (typeof loaded !== 'string') {
        snapshot = loaded;
        if (loaded.scan && loaded.head !== undefined && loaded.head === (await readHeadOid(dir))) trustedScan = loaded.scan;
      } else if (loaded !== 'missing') {
        const why = { format: 'd’un ancien format', settings: 'lu avec d’autres réglages', corrupt: 'illisible' }[loaded];
        console.error(`[index] instantané des pages ${why} (${snapshotFile}) : toutes les pages sont relues.`);
      }
    },
    /** The snapshot's page when its file has this stamp now. */
    reusable(path: PagePath, stamp: FileStamp): SnapshotPage | undefined {
      return reusablePage(snapshot, path, stamp);
    },
    /** Forgets the snapshot (after the first refresh). */
    dropSnapshot(): void {
      snapshot = undefined;
      trustedScan = undefined;
    },
    /** The walk brought up to date: patched for `paths` when it can be, else the whole folder (or the snapshot's walk at start). */
    async scan(paths: readonly string[] | undefined): Promise<FolderScan> {
      if (trustedScan && !paths) {
        lastScan = trustedScan;
        trustedScan = undefined;
        fromSnapshot = true;
        fileList = lastScan.files.join('\n');
        return { scan: lastScan, looked: undefined, filesMoved: true };
      }
      const patched = paths && lastScan ? await patchPageScan({ dir, scan: lastScan, paths, limit: reads }) : false;
      if (patched && lastScan) {
        if (patched.filesMoved) fileList = lastScan.files.join('\n');
        return { scan: lastScan, looked: paths, filesMoved: patched.filesMoved };
      }
      lastScan = await walkAll();
      const list = lastScan.files.join('\n');
      const filesMoved = list !== fileList;
      fileList = list;
      return { scan: lastScan, looked: undefined, filesMoved };
    },
    /** Full walks made in a worker thread. */
    get walksInWorker(): number {
      return walksInWorker;
    },
    /** True when the first scan was the snapshot's (no file stat'ed). */
    get startedFromSnapshot(): boolean {
      return fromSnapshot;
    },
    /** Writes the snapshot: the pages with their stamps and links, and the last walk. */
    async saveSnapshot(options: { head: string | undefined; settingsText: string; pages: [PagePath, FileStamp, Page, RawLink[]][] }): Promise<void> {
      if (snapshotFile === undefined) return;
      await saveIndexSnapshot({ file: snapshotFile, head: options.head, settingsText: options.settingsText, scan: lastScan, pages: options.pages });
    },
  };
}
