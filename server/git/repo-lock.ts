/** A lock file that keeps a second process from committing into the same repository at once. */
import fs from 'node:fs';
import path from 'node:path';
import { GareError } from '../errors.ts';

/** Another process holds the repository lock for too long. */
export class RepositoryBusy extends GareError {
  override readonly code = 'RepositoryBusy';
  override readonly status = 503;
}

/** Options of `acquireRepoLock`. */
export interface RepoLockOptions {
  /** Working tree of the repository (the lock lives in `.git/gare.lock`). */
  dir: string;
  /** A lock older than this is left over by a dead process and is taken over. */
  staleMs?: number;
  /** How long to wait for a live lock before giving up. */
  timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes `.git/gare.lock` (O_EXCL) and resolves with its release function. */
export async function acquireRepoLock(options: RepoLockOptions): Promise<() => Promise<void>> {
  const { dir, staleMs = 30_000, timeoutMs = 15_000 } = options;
  const file = path.join(dir, '.git', 'gare.lock');
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.promises.open(file, 'wx');
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      const release = () => fs.promises.rm(file, { force: true });
      await waitForGitIndexLock(dir, timeoutMs - (Date.now() - started)).catch(async (error: unknown) => {
        await release();
        throw error;
      });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`Cannot create the repository lock ${file}`, { cause: error });
      }
    }
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > staleMs) {
      // A crashed process left it: the rename makes sure only one waiter takes it over.
      const grave = `${file}.stale-${process.pid}-${attempt}`;
      await fs.promises.rename(file, grave).then(() => fs.promises.rm(grave, { force: true }), () => undefined);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new RepositoryBusy(
        'Le dépôt de contenu est occupé par un autre processus. Réessayez dans un instant ; ' +
          `si cela dure, vérifiez qu’aucune autre instance ne tourne puis supprimez ${file}.`,
      );
    }
    await sleep(Math.min(5 + attempt * 5, 50));
  }
}

/**
 * The git CLI holds `.git/index.lock` while it commits; isomorphic-git ignores that lock, so we
 * wait for it to go before touching the index (a terminal commit and a web edit at once).
 */
async function waitForGitIndexLock(dir: string, timeoutMs: number): Promise<void> {
  const file = path.join(dir, '.git', 'index.lock');
  const started = Date.now();
  while (await fs.promises.access(file).then(() => true, () => false)) {
    if (Date.now() - started > timeoutMs) {
      throw new RepositoryBusy(
        `Une commande git garde le dépôt verrouillé (${file}). Attendez qu’elle se termine ; ` +
          'si aucune commande git ne tourne, supprimez ce fichier.',
      );
    }
    await sleep(10);
  }
}
