/**
 * Keeps `.git/index` readable by isomorphic-git. It refuses the whole index for one entry whose
 * path holds `..\` or `../` (a file committed with the git CLI), and then every web write fails.
 * Such entries are dropped from the index (the file stays in the commit and on disk; the team sees
 * it on « Pages à corriger » and `git status` shows it as a change to commit, which removes it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const unsafeIndexPath = (p: string): boolean => p.includes('..\\') || p.includes('../');

/** Removes the unsafe entries of the index (versions 2 and 3); returns their paths. */
export async function dropUnsafeIndexEntries(dir: string): Promise<string[]> {
  const file = path.join(dir, '.git', 'index');
  const buffer = await fs.promises.readFile(file).catch(() => undefined);
  if (!buffer || buffer.length < 32 || buffer.toString('latin1', 0, 4) !== 'DIRC') return [];
  const version = buffer.readUInt32BE(4);
  // Version 4 compresses paths against the previous entry: entries cannot be dropped one by one.
  if (version !== 2 && version !== 3) return [];
  const count = buffer.readUInt32BE(8);
  const kept: Buffer[] = [];
  const dropped: string[] = [];
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const extended = version === 3 && (buffer.readUInt16BE(offset + 60) & 0x4000) !== 0;
    const pathStart = offset + 62 + (extended ? 2 : 0);
    const nul = buffer.indexOf(0, pathStart);
    if (nul < 0) return [];
    // Entries are NUL-padded to a multiple of 8 bytes (1 to 8 NULs), as git's ondisk_ce_size.
    const size = (pathStart - offset + (nul - pathStart) + 8) & ~7;
    const name = buffer.toString('utf8', pathStart, nul);
    if (unsafeIndexPath(name)) dropped.push(name);
    else kept.push(buffer.subarray(offset, offset + size));
    offset += size;
  }
  // A split index keeps entries elsewhere: leave it to the git CLI rather than lose them.
  if (dropped.length === 0 || buffer.indexOf('link', offset, 'latin1') === offset) return [];
  const header = Buffer.alloc(12);
  buffer.copy(header, 0, 0, 8);
  header.writeUInt32BE(kept.length, 8);
  // Extensions (cached trees…) described the old entries: git rebuilds them when it needs them.
  const body = Buffer.concat([header, ...kept]);
  const temp = `${file}.${process.pid}.gare.tmp`;
  await fs.promises.writeFile(temp, Buffer.concat([body, createHash('sha1').update(body).digest()]));
  await fs.promises.rename(temp, file);
  console.error(`[dépôt] chemins refusés retirés de l’index git : ${dropped.map((d) => JSON.stringify(d)).join(', ')} (voir « Pages à corriger »).`);
  return dropped;
}

/** Runs an index operation; if isomorphic-git refused the index for an unsafe path, repairs it and retries once. */
export async function withReadableIndex<T>(dir: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'UnsafeFilepathError' || (await dropUnsafeIndexEntries(dir)).length === 0) throw error;
    return operation();
  }
}
