/**
 * The repository lock: while the hub writes working files, the index and the branch, it holds
 * `.git/gare.lock` (against another hub process) and `.git/index.lock` (against the git CLI, which
 * refuses to commit while that file exists; isomorphic-git itself ignores it). Both files name
 * their owner — host, process id and process start time — so a lock left by a process that died
 * (SIGKILL, power cut) is taken over at once instead of after a delay.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GareError } from '../errors.ts';

/** Another process holds the repository lock for too long. */
export class RepositoryBusy extends GareError {
  override readonly code = 'RepositoryBusy';
  override readonly status = 503;
}

/** Options of `acquireRepoLock`. */
export interface RepoLockOptions {
  /** Working tree of the repository (the locks live in `.git/`). */
  dir: string;
  /** A lock of another machine (shared folder) older than this is taken over: its owner cannot be asked. */
  staleMs?: number;
  /** How long to wait for a live lock before giving up. */
  timeoutMs?: number;
}

const marker = 'gare-centrale';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Start time of a process in clock ticks since boot (Linux), or undefined where /proc does not tell. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces and parentheses: starttime is the 20th.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The owner line this process writes into its lock files. */
export function ownerLine(): string {
  return `${marker} ${os.hostname()} ${process.pid} ${processStart(process.pid) ?? '-'}\n`;
}

/** True when the lock's owner, named in `content`, is certainly gone (only decidable on this host). */
export function ownerIsGone(content: string): boolean {
  const [mark, host, pidText, start] = content.trim().split(' ');
  const pid = Number(pidText);
  if (mark !== marker || host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (fs.existsSync('/proc/self/stat')) {
    const now = processStart(pid);
    // Dead, or the id was reused by a process started later.
    return now === undefined || (start !== '-' && now !== start);
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Tries to create `file` with our owner line; false when it exists. */
async function tryCreate(file: string): Promise<boolean> {
  try {
    const handle = await fs.promises.open(file, 'wx');
    try {
      await handle.writeFile(ownerLine());
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`Cannot create the lock ${file}`, { cause: error });
  }
}

/** Removes a lock whose owner is gone (or, from another host, that is older than `staleMs`); true when removed. */
async function takeOverIfAbandoned(file: string, staleMs: number, ours: boolean): Promise<boolean> {
  const content = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
  if (content === undefined) return true; // released meanwhile
  const fromThisHub = content.startsWith(`${marker} `);
  const foreignHost = fromThisHub && !content.startsWith(`${marker} ${os.hostname()} `);
  const stat = await fs.promises.stat(file).catch(() => undefined);
  const old = stat !== undefined && Date.now() - stat.mtimeMs > staleMs;
  // A git command's own index.lock is never removed here: git asks a person to check first.
  const abandoned = fromThisHub ? ownerIsGone(content) || (foreignHost && old) : ours && old;
  if (!abandoned) return false;
  const grave = `${file}.abandonne-${process.pid}-${Date.now()}`;
  try {
    await fs.promises.rename(file, grave);
  } catch {
    return true; // another waiter took it over first
  }
  // Another waiter may have replaced the dead lock between our read and the rename: put it back.
  if ((await fs.promises.readFile(grave, 'utf8').catch(() => content)) !== content) {
    await fs.promises.link(grave, file).catch(() => undefined);
  }
  await fs.promises.rm(grave, { force: true });
  return true;
}

/** Waits to create `file`, taking over an abandoned one; throws RepositoryBusy after `deadline`. */
async function lockFile(file: string, deadline: number, staleMs: number, busyMessage: string, ours: boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(file)) return;
    if (await takeOverIfAbandoned(file, staleMs, ours)) continue;
    if (Date.now() > deadline) throw new RepositoryBusy(busyMessage);
    await sleep(Math.min(5 + attempt * 5, 50));
  }
}

/** Takes `.git/gare.lock`, then `.git/index.lock`, and resolves with the function that releases both. */
export async function acquireRepoLock(options: RepoLockOptions): Promise<() => Promise<void>> {
  const { dir, staleMs = 30_000, timeoutMs = 15_000 } = options;
  const gareLock = path.join(dir, '.git', 'gare.lock');
  const indexLock = path.join(dir, '.git', 'index.lock');
  const deadline = Date.now() + timeoutMs;
  await lockFile(
    gareLock,
    deadline,
    staleMs,
    'Le dépôt de contenu est occupé par une autre instance du hub. Réessayez dans un instant ; ' +
      `si cela dure, vérifiez qu’aucune autre instance ne tourne puis supprimez ${gareLock}.`,
    true,
  );
  try {
    await lockFile(
      indexLock,
      deadline,
      staleMs,
      `Une commande git garde le dépôt verrouillé (${indexLock}). Attendez qu’elle se termine ; ` +
        'si aucune commande git ne tourne, supprimez ce fichier.',
      false,
    );
  } catch (error) {
    await fs.promises.rm(gareLock, { force: true });
    throw error;
  }
  return async () => {
    // Never renamed over the index, as git does with its own: we wrote `.git/index` directly.
    await fs.promises.rm(indexLock, { force: true });
    await fs.promises.rm(gareLock, { force: true });
  };
}
