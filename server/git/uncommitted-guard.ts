/** Refuses to overwrite files edited in the working tree but not committed (as `git merge` does). */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { readContentFile } from './content-files.ts';
import { findBlobAt } from './tree-entries.ts';
import { GareError } from '../errors.ts';

/** Files edited on disk without a commit would be overwritten by an incoming change. */
export class LocalChangesBlocked extends GareError {
  override readonly code = 'LocalChangesBlocked';
  override readonly status = 409;
}

/** Options of `assertNoUncommittedEdits`. */
export interface UncommittedGuardOptions {
  /** Working tree of the repository. */
  dir: string;
  /** Commit the working tree should match for these paths. */
  head: string | undefined;
  /** Paths about to be written or deleted. */
  paths: readonly string[];
  /** isomorphic-git object cache. */
  cache?: object;
}

async function committedOid(options: UncommittedGuardOptions, filepath: string): Promise<string | undefined> {
  if (!options.head) return undefined;
  try {
    return await findBlobAt({ fs, dir: options.dir, commit: options.head, path: filepath, cache: options.cache ?? {} });
  } catch {
    return undefined;
  }
}

/** Throws `LocalChangesBlocked` naming the files whose working copy differs from `head`. */
export async function assertNoUncommittedEdits(options: UncommittedGuardOptions): Promise<void> {
  const edited: string[] = [];
  for (const filepath of options.paths) {
    const bytes = await readContentFile(options.dir, filepath);
    const onDisk = bytes ? (await git.hashBlob({ object: bytes })).oid : undefined;
    if (onDisk !== (await committedOid(options, filepath))) edited.push(filepath);
  }
  if (edited.length > 0) {
    throw new LocalChangesBlocked(
      `Des fichiers ont été modifiés sur le serveur sans être commités : ${edited.join(', ')}. ` +
        'Commitez-les (git commit) ou annulez ces modifications, puis relancez la synchronisation.',
    );
  }
}
