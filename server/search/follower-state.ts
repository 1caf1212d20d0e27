/**
 * The followers' state (server-side search index, suggestion vocabulary) saved when the hub
 * stops, beside the bundles (`.state/followers-<digest>.json`, never served), keyed by a digest of
 * every record: a restart over the same pages takes it back instead of reading every word again,
 * and a changed repository does not even open it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { recordHash } from './base-notes.ts';
import type { SearchRecord } from './record.ts';

/** Contents of `<outDir>/.state/followers-<digest>.json`. */
export const FollowerStateFileSchema = z.object({
  /** Format of the file; another one is ignored (rebuilt from the records). */
  version: z.literal(1),
  /** Digest of the records the states were built from (`recordsDigest`). */
  digest: z.string(),
  /** One state per follower, in the indexer's order (what each `saveState` returned). */
  states: z.array(z.unknown()),
});

const dirOf = (outDir: string) => join(outDir, '.state');
const fileOf = (outDir: string, digest: string) => join(dirOf(outDir), `followers-${digest}.json`);

/** One digest of every record (order does not count): equal digests, equal records. */
export function recordsDigest(records: Iterable<SearchRecord>): string {
  const lines = [...records].map((r) => `${r.url}\u0000${recordHash(r)}`).sort();
  return createHash('sha1').update(lines.join('\n')).digest('base64url');
}

/** The saved states when they were built from records of this digest; undefined otherwise. */
export async function readFollowerState(options: { outDir: string; digest: string }): Promise<unknown[] | undefined> {
  try {
    const file = FollowerStateFileSchema.parse(JSON.parse(await readFile(fileOf(options.outDir, options.digest), 'utf8')));
    return file.digest === options.digest ? file.states : undefined;
  } catch {
    return undefined; // none yet, or unreadable: the followers are fed from the records
  }
}

/** Writes the states atomically (temp file + rename) and removes those of other records. */
export async function writeFollowerState(options: { outDir: string; digest: string; states: unknown[] }): Promise<void> {
  const target = fileOf(options.outDir, options.digest);
  await mkdir(dirOf(options.outDir), { recursive: true });
  const temp = `${target}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify({ version: 1, digest: options.digest, states: options.states }));
  await rename(temp, target);
  const others = (await readdir(dirOf(options.outDir))).filter((name) => name.startsWith('followers-') && join(dirOf(options.outDir), name) !== target);
  await Promise.all(others.map((name) => rm(join(dirOf(options.outDir), name), { force: true })));
}
