/**
 * Rendered pages kept on disk across restarts (`<data>/rendus/`), so the first views after a start
 * are served without running the Markdown pipeline again. An entry is found by a hash of the page
 * source, its path and title and the audience key (a link to a page an audience cannot read
 * renders as missing: renders are never shared across audiences), and is used only while every
 * link it asked resolves the same way (the link version of that one page). Bounded in bytes: the
 * oldest files go first.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinkDestination, RenderedMarkdown } from '../markdown/render-markdown.ts';
import type { AskedLink } from '../markdown/render-jobs.ts';

/** One stored render: the links it asked with their answers then, and the result. */
export interface StoredRender {
  /** Each link asked while rendering, with where it led. */
  asked: [AskedLink, LinkDestination][];
  /** The rendered page. */
  rendered: RenderedMarkdown;
}

/** What identifies a render, besides its links. */
export interface RenderKey {
  /** Markdown without front matter, or what names it exactly (`blob:<id>`, the page's git blob id). */
  source: string;
  /** Repository path. */
  path: string;
  /** Title (some rules depend on it). */
  title: string;
  /** `audience.key` of who reads it. */
  audience: string;
}

/** Options of createRenderCache. */
export interface RenderCacheOptions {
  /** Folder of the files (created on first write). */
  dir: string;
  /** Bytes kept at most (default 256 MB). */
  maxBytes?: number;
}

/** The disk cache. */
export interface RenderCache {
  /** The stored render of `key`, if any (links not checked: see `sameLinks`). */
  get(key: RenderKey): Promise<StoredRender | undefined>;
  /** Stores a render in the background (a failed write only costs a later render). */
  set(key: RenderKey, entry: StoredRender): void;
  /** Resolves when no write is pending (tests, shutdown). */
  idle(): Promise<void>;
}

/** Version of the pipeline's output: bump it when the Markdown pipeline changes what it renders. */
const formatVersion = 1;

/** True when every link a stored render asked still leads to the same place. */
export function sameLinks(stored: StoredRender, resolve: (link: AskedLink) => LinkDestination): boolean {
  return stored.asked.every(([link, then]) => JSON.stringify(resolve(link)) === JSON.stringify(then));
}

/** Creates the cache over `dir`. */
export function createRenderCache({ dir, maxBytes = 256 * 1024 * 1024 }: RenderCacheOptions): RenderCache {
  const pending = new Set<Promise<void>>();
  let bytes: number | undefined;
  let pruning: Promise<void> | undefined;
  const fileOf = (key: RenderKey) => {
    const hash = createHash('sha256').update(JSON.stringify([formatVersion, key.audience, key.path, key.title, key.source])).digest('hex');
    return join(dir, hash.slice(0, 2), `${hash.slice(2)}.json`);
  };

  /** Sums the folder once, then drops the oldest files while over the budget. */
  async function prune(): Promise<void> {
    const files = await Promise.all(
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map(async (e) => ({ file: join(e.parentPath, e.name), ...(await stat(join(e.parentPath, e.name)).then((s) => ({ size: s.size, at: s.mtimeMs }))) })),
    );
    bytes = files.reduce((sum, f) => sum + f.size, 0);
    if (bytes <= maxBytes) return;
    files.sort((a, b) => a.at - b.at);
    // Down to three quarters, so pruning does not run again at the next write.
    for (const f of files) {
      if (bytes <= maxBytes * 0.75) break;
      await rm(f.file, { force: true });
      bytes -= f.size;
    }
  }

  // Folders already made: the warm-up after start writes thousands of renders into a few folders.
  const made = new Set<string>();
  async function write(key: RenderKey, entry: StoredRender): Promise<void> {
    const file = fileOf(key);
    const text = JSON.stringify(entry);
    const folder = join(file, '..');
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    // Unique per write: two renders of one page for one audience may be stored at the same time.
    const temp = `${file}.tmp-${process.pid}-${randomUUID()}`;
    await writeFile(temp, text).catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed while the hub ran (someone emptied the cache): make it again.
      if (error.code !== 'ENOENT') throw error;
      made.clear();
      await mkdir(folder, { recursive: true });
      await writeFile(temp, text);
    });
    await rename(temp, file);
    if (bytes !== undefined) bytes += text.length;
    // One scan at a time: writes that arrive meanwhile are counted by that scan.
    if ((bytes === undefined || bytes > maxBytes) && !pruning) {
      pruning = prune().finally(() => (pruning = undefined));
      await pruning;
    }
  }

  return {
    async get(key) {
      try {
        const entry = JSON.parse(await readFile(fileOf(key), 'utf8')) as StoredRender;
        return Array.isArray(entry.asked) && typeof entry.rendered?.html === 'string' ? entry : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, entry) {
      const job = write(key, entry)
        .catch((error: unknown) => console.error('[rendus] mise en cache impossible :', error))
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
