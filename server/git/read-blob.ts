/** Reading a file's content by its git blob id, whatever commit or path it was stored at. */
import fs from 'node:fs';
import git from 'isomorphic-git';

/** Text of the blob `oid` of the repository at `dir`; undefined when git does not hold it (an edit never committed). */
export async function readBlobText(dir: string, oid: string): Promise<string | undefined> {
  try {
    const { blob } = await git.readBlob({ fs, dir, oid });
    return new TextDecoder().decode(blob);
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return undefined;
    throw new Error(`Cannot read blob ${oid}`, { cause: error });
  }
}
