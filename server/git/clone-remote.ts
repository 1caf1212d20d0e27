/**
 * First start of an instance beside others (issue 13): the content folder is a clone of the
 * forge's repository rather than a copy of the sample wiki, so that every instance serves the same
 * history. An empty forge repository is left to the first sync, which pushes the seeded wiki.
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { describeSyncError } from './sync-errors.ts';
import { ServiceUnavailable } from '../errors.ts';

/** Options of `cloneFromRemote`. */
export interface CloneFromRemoteOptions {
  /** Content folder: missing or empty. */
  dir: string;
  /** Forge repository URL. */
  url: string;
  /** Access token (Basic-auth password). */
  token: string;
  /** Branch. */
  branch?: string;
  /** Remote name, as the sync uses it. */
  remote?: string;
}

/**
 * Clones the forge's branch into `dir` when the forge has it; returns false (nothing done) when
 * the forge's repository is empty. A forge that cannot be reached stops the start with a French
 * message: an instance must not start on a wiki of its own.
 */
export async function cloneFromRemote({ dir, url, token, branch = 'main', remote = 'gare-distant' }: CloneFromRemoteOptions): Promise<boolean> {
  const onAuth = () => ({ username: 'gare', password: token });
  const onAuthFailure = () => ({ cancel: true });
  try {
    const refs = await git.listServerRefs({ http, url, onAuth, onAuthFailure, prefix: `refs/heads/${branch}` });
    if (!refs.some((r) => r.ref === `refs/heads/${branch}`)) return false;
    await fs.promises.mkdir(dir, { recursive: true });
    await git.clone({ fs, http, dir, url, ref: branch, singleBranch: true, remote, onAuth, onAuthFailure });
    return true;
  } catch (cause) {
    // The folder was missing or empty: leave it empty again, so the next start clones afresh.
    for (const entry of await fs.promises.readdir(dir).catch(() => [])) await fs.promises.rm(`${dir}/${entry}`, { recursive: true, force: true });
    const { message } = describeSyncError(cause, url);
    throw new ServiceUnavailable(`Premier démarrage : impossible de cloner le dépôt de la forge. ${message}`, { cause });
  }
}
