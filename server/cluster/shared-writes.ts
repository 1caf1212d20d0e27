/**
 * Writes coordinated between the instances of one hub (issue 13). Each write to the content
 * repository, on any instance, runs under the shared content lock: pull from the forge (so HEAD
 * holds every other instance's commits), decide and commit as usual (a concurrent save of the same
 * page merges or meets the conflict screen), push, announce. A forge that cannot be reached
 * refuses the write with a French message before anything is committed: nothing is accepted that
 * the other instances could not see.
 */
import { ServiceUnavailable } from '../errors.ts';
import type { SharedWrites } from '../editing/editing-service.ts';
import type { ContentLock } from './content-lock.ts';

/** The forge operations the coordination needs (`server/git/sync-remote.ts`). */
export interface ForgeOps {
  /** Fetches and merges the forge's branch into ours. */
  pullNow(): Promise<{ pulled: 'none' | 'fast-forward' | 'merge' }>;
  /** Pushes our branch (never forced); announces it when sent. */
  pushNow(): Promise<boolean>;
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

/** Creates the coordination handed to the editing service. */
export function createSharedWrites({ lock, forge, afterPull, onPushFailed }: SharedWritesOptions): SharedWrites {
  return {
    around(write) {
      return lock.run(async () => {
        let pulled: 'none' | 'fast-forward' | 'merge';
        try {
          ({ pulled } = await forge.pullNow());
        } catch (cause) {
          throw new ServiceUnavailable(
            'Le dépôt partagé (la forge) est injoignable : la modification n’est pas enregistrée. Réessayez dans un instant ; votre texte est gardé dans l’éditeur.',
            { cause },
          );
        }
        const result = await write();
        if (result.changed) {
          // Committed here: the edit is kept whatever happens next; a refused push is merged and
          // sent again by the next scheduled round.
          await forge.pushNow().catch(onPushFailed);
        } else if (pulled !== 'none') {
          await afterPull();
        }
        return result;
      });
    },
  };
}
