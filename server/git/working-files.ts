/** Safe writes into the working tree: path checks, atomic file writes, tidy deletions. */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InvalidSlug } from '../errors.ts';

const forbiddenSegment = /^(?:\.git|\.|\.\.|)$/i;

/** Refuses a path that could leave the repository or touch `.git` (InvalidSlug). */
export function checkPath(file: string): void {
  const parts = file.split('/');
  if (file.includes('\\') || file.includes('\0') || parts.some((p) => forbiddenSegment.test(p))) {
    throw new InvalidSlug(`Chemin de fichier refusé : « ${file} ». Utilisez un chemin relatif sans « .. » ni « .git ».`);
  }
}

/** Writes a file through a temp file in the same folder and a rename: readers never see half a file. */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // Same folder as the target so the rename never crosses file systems.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.promises.writeFile(temp, content);
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw new Error(`Cannot write ${file}`, { cause: error });
  }
}

/** Removes the folders a deletion left empty, up to (not including) `dir`. */
export async function removeEmptyParents(dir: string, file: string): Promise<void> {
  for (let folder = path.dirname(file); folder !== dir && folder.startsWith(dir); folder = path.dirname(folder)) {
    if ((await fs.promises.readdir(folder).catch(() => ['?'])).length > 0) return;
    await fs.promises.rmdir(folder).catch(() => undefined);
  }
}
