/** Notices commits made outside the hub (a `git commit` in a terminal, a pull) by polling HEAD. */
import fs from 'node:fs';
import path from 'node:path';

/** Options of `watchRepo`. */
export interface WatchRepoOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Polling period. */
  intervalMs?: number;
  /** Called with the new commit id each time HEAD moves (never for the starting value). */
  onChange: (head: string | undefined) => void | Promise<void>;
  /** Called when `onChange` fails; the watch goes on. */
  onError?: ((error: unknown) => void) | undefined;
}

const readText = (file: string): Promise<string | undefined> => fs.promises.readFile(file, 'utf8').catch(() => undefined);

/**
 * Resolves HEAD with two small file reads (HEAD, then the loose ref or packed-refs): cheap enough
 * to run twice a second, unlike a full git call.
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

/** Starts polling; `ready` resolves once the starting HEAD is read; `close()` stops it. */
export function watchRepo(options: WatchRepoOptions): { close(): void; ready: Promise<void> } {
  const { dir, intervalMs = 500, onChange, onError } = options;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  let started = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const tick = async (): Promise<void> => {
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
    // Chained timeouts: a slow onChange never overlaps the next tick.
    if (!closed) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return {
    ready,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
