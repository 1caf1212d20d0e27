/**
 * Writes coordinated between the instances of one hub (issue 13). Each write to the content
 * repository, on any instance, runs under the shared content lock: pull from the forge (so HEAD
 * holds every other instance's commits), decide and commit as usual (a concurrent save of the same
 * page merges or meets the conflict screen), push, announce. A forge that cannot be reached
 * refuses the write with a French message before anything is committed: nothing is accepted that
 * the other instances could not see.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ServiceUnavailable } from '../errors.ts';
import type { SharedWrites } from '../editing/editing-service.ts';
import type { ContentLock } from './content-lock.ts';

/** The forge operations the coordination needs (`server/git/sync-remote.ts`). */
export interface ForgeOps {
  /** Fetches and merges the forge's branch into ours. */
  pullNow(): Promise<{ pulled: 'none' | 'fast-forward' | 'merge' }>;
  /** The forge's tip as the instances last pushed it, if known (`forge-head.ts`). */
  knownHead(): Promise<string | undefined>;
  /** Our HEAD. */
  localHead(): Promise<string | undefined>;
  /** Pushes our branch (never forced); announces it when sent. */
  pushNow(): Promise<boolean>;
  /** Settles the proposal branches with the forge, fetching first unless told not to; announces what it sent. */
  syncBranches(options: { fetch: boolean }): Promise<unknown>;
}

/** Options of `createSharedWrites`. */
export interface SharedWritesOptions {
  /** The lock shared by the instances. */
  lock: ContentLock;
  /** The forge. */
  forge: ForgeOps;
  /** Brings the hub up to date after a pull that a write did not follow with its own sync. */
  afterPull: () => Promise<unknown>;
  /** Told when a committed write could not be pushed (the scheduled round retries it). */
  onPushFailed: (error: unknown) => void;
}

const unreachable = (cause: unknown) =>
  new ServiceUnavailable(
    'Le dépôt partagé (la forge) est injoignable : la modification n’est pas enregistrée. Réessayez dans un instant ; votre texte est gardé dans l’éditeur.',
    { cause },
  );

/** Creates the coordination handed to the editing service. */
export function createSharedWrites({ lock, forge, afterPull, onPushFailed }: SharedWritesOptions): SharedWrites {
  // A proposal round holds the lock for all its steps; a commit made inside it (an accepted
  // proposal) must not wait for the lock its own round holds.
  const inRound = new AsyncLocalStorage<true>();

  /** Brings HEAD up to the forge before a write; skipped when we already hold the tip last pushed. */
  async function catchUp(): Promise<'none' | 'fast-forward' | 'merge'> {
    const [known, local] = await Promise.all([forge.knownHead(), forge.localHead()]);
    if (known !== undefined && known === local) return 'none';
    try {
      return (await forge.pullNow()).pulled;
    } catch (cause) {
      throw unreachable(cause);
    }
  }

  /** Sends what was committed; refused (someone pushed without recording it), merges theirs and sends again. */
  async function send(): Promise<void> {
    try {
      await forge.pushNow();
      return;
    } catch {
      // Merged and sent again below; a second failure is left to the scheduled round.
    }
    try {
      const { pulled } = await forge.pullNow();
      await forge.pushNow();
      if (pulled !== 'none') await afterPull();
    } catch (error) {
      onPushFailed(error);
    }
  }

  return {
    around(write) {
      if (inRound.getStore()) return write();
      return lock.run(async () => {
        const pulled = await catchUp();
        const result = await write();
        // Committed here: the edit is kept whatever happens next.
        if (result.changed) await send();
        else if (pulled !== 'none') await afterPull();
        return result;
      });
    },
    aroundProposals(step) {
      if (inRound.getStore()) return step();
      return lock.run(() =>
        inRound.run(true, async () => {
          const pulled = await catchUp();
          try {
            await forge.syncBranches({ fetch: true });
          } catch (cause) {
            throw unreachable(cause);
          }
          try {
            return await step();
          } finally {
            // Whatever the step wrote before it ended (even by an error) is sent: a refused send
            // stays here and is settled by the next scheduled round.
            await send();
            await forge.syncBranches({ fetch: false }).catch(onPushFailed);
            if (pulled !== 'none') await afterPull();
          }
        }),
      );
    },
  };
}
