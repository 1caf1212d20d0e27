/**
 * Notices commits made outside the hub (a `git commit` in a terminal, a pull): `fs.watch` on the
 * refs says at once that HEAD may have moved; a slow poll stays as the safety net (events can be
 * dropped, and some file systems have no watch at all).
 */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { createTreeDiffer } from './tree-diff.ts';

/** Options of `watchRepo`. */
export interface WatchRepoOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Polling period while the refs are watched (a net for dropped events). */
  intervalMs?: number;
  /** Polling period when `fs.watch` is unavailable: the only way to notice commits then. */
  fallbackIntervalMs?: number;
  /** Quiet time after a ref event before HEAD is read: a commit writes several files in a burst. */
  debounceMs?: number;
  /** Called with the new commit id each time HEAD moves (never for the starting value). */
  onChange: (head: string | undefined) => void | Promise<void>;
  /** Called when `onChange` fails; the watch goes on. */
  onError?: ((error: unknown) => void) | undefined;
  /** `fs.watch`, replaceable so tests can make it fail. */
  watch?: typeof fs.watch;
}

/** A running watch. */
export interface RepoWatch {
  /** Stops watching and polling. */
  close(): void;
  /** Resolves once the starting HEAD is read. */
  ready: Promise<void>;
  /** True while ref events are delivered by `fs.watch` (false: polling only). */
  watching(): boolean;
}

const readText = (file: string): Promise<string | undefined> => fs.promises.readFile(file, 'utf8').catch(() => undefined);

/**
 * Resolves HEAD with two small file reads (HEAD, then the loose ref or packed-refs): cheap enough
 * to run on every ref event, unlike a full git call.
 */
export async function readHeadOid(dir: string): Promise<string | undefined> {
  const gitdir = path.join(dir, '.git');
  const head = (await readText(path.join(gitdir, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (!head.startsWith('ref:')) return head;
  const ref = head.slice(4).trim();
  const loose = (await readText(path.join(gitdir, ...ref.split('/'))))?.trim();
  if (loose) return loose;
  const packed = await readText(path.join(gitdir, 'packed-refs'));
  const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
  return line?.split(' ', 1)[0];
}

/**
 * Files that differ between two commits (a tree diff skipping equal subtrees; unsafe names left
 * out, as the history leaves them out): what a refresh of just those files needs, read without
 * waiting for the history's records. `cache` is isomorphic-git's (keeps pack indexes loaded).
 */
export async function changedBetween({ dir, from, to, cache }: { dir: string; from: string; to: string; cache: object }): Promise<string[]> {
  const treeOf = async (oid: string) => (await git.readCommit({ fs, dir, oid, cache })).commit.tree;
  return createTreeDiffer({ dir, cache }).changedPaths(await treeOf(from), await treeOf(to));
}

// In `.git` itself only these names move HEAD; `index`, `objects/`… change on every `git add`.
// Linux reports a lock file renamed into place under the lock's name (`HEAD.lock`), not the target's.
const headFiles = new Set(['HEAD', 'HEAD.lock', 'packed-refs', 'packed-refs.lock']);

/** Starts watching the refs (polling as a net); `ready` resolves once the starting HEAD is read. */
export function watchRepo(options: WatchRepoOptions): RepoWatch {
  const { dir, intervalMs = 5000, fallbackIntervalMs = 500, debounceMs = 15, onChange, onError, watch = fs.watch } = options;
  const gitdir = path.join(dir, '.git');
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let last: string | undefined;
  let started = false;
  let checking: Promise<void> | undefined;
  let again = false;
  const watchers: fs.FSWatcher[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  async function checkOnce(): Promise<void> {
    const head = await readHeadOid(dir);
    if (!started) {
      started = true;
      last = head;
      markReady();
    } else if (head !== last) {
      last = head;
      try {
        await onChange(head);
      } catch (error) {
        onError?.(error);
      }
    }
  }

  // One check at a time; events during a check ask for one more, never for a pile.
  function check(): Promise<void> {
    if (checking) {
      again = true;
      return checking;
    }
    checking = (async () => {
      do {
        again = false;
        await checkOnce();
      } while (again && !closed);
    })().finally(() => (checking = undefined));
    return checking;
  }

  function onEvent(): void {
    if (closed) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void check(), debounceMs);
  }

  function stopWatching(): void {
    for (const w of watchers.splice(0)) w.close();
  }

  function startWatching(): boolean {
    try {
      watchers.push(watch(gitdir, { persistent: false }, (_event, name) => (name === null || headFiles.has(String(name)) ? onEvent() : undefined)));
      // Branches live in subfolders too (`refs/heads/equipe/x`): recursive where the platform has it.
      watchers.push(watch(path.join(gitdir, 'refs', 'heads'), { persistent: false, recursive: true }, onEvent));
      for (const w of watchers) w.on('error', () => stopWatching());
      return true;
    } catch {
      stopWatching();
      return false;
    }
  }

  const poll = async (): Promise<void> => {
    await check();
    // Chained timeouts: a slow onChange never overlaps the next tick.
    if (!closed) timer = setTimeout(() => void poll(), watchers.length > 0 ? intervalMs : fallbackIntervalMs);
  };
  // Watch before the first read: a commit landing between the two is still seen.
  startWatching();
  void poll();
  return {
    ready,
    watching: () => watchers.length > 0,
    close() {
      closed = true;
      stopWatching();
      if (timer) clearTimeout(timer);
      if (debounce) clearTimeout(debounce);
    },
  };
}
