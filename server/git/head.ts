/** Reading the branch head and a file at that head: what every edit decides on. */
import fs from 'node:fs';
import git from 'isomorphic-git';
import { readFileAtCommit } from './read-version.ts';

/** Current commit of the branch, or undefined in an empty repository. */
export async function readHead(dir: string): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref: 'HEAD' }).catch(() => undefined);
}

/** Text of `path` at `head` (undefined when absent or when there is no HEAD). */
export async function readAtHead(dir: string, head: string | undefined, path: string): Promise<string | undefined> {
  return head ? readFileAtCommit({ dir, oid: head, path }) : undefined;
}
