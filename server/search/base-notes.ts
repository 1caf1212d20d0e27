/**
 * What each live base bundle holds, noted outside the served folders (`.bases/<audience>.json`:
 * its id and a hash of every record, never sent to a browser), so a restart over the same pages adopts the bundles on disk instead of running
 * Pagefind again, and a changed repository only puts the pages that differ in a delta.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { SearchRecord } from './record.ts';

/** Contents of `<outDir>/.bases/<audience>.json`. */
export const BaseNoteSchema = z.object({
  /**
   * What the bundles hold: 2 since each page is in one bundle only (the team's holds no public
   * page). A note of another layout is not adopted: its base is built anew once.
   */
  layout: z.literal(2),
  /** Bundle id of the base (its folder). */
  version: z.string().regex(/^base-[a-z0-9-]+$/),
  /** Pagefind indexes the base is split into (`pagefind/`, `pagefind-1/`, …). */
  parts: z.number().int().min(1),
  /** Hash of each record the base was built from, by URL. */
  hashes: z.record(z.string(), z.string()),
});

/** A base bundle's note. */
export type BaseNote = z.infer<typeof BaseNoteSchema>;

const noteOf = (outDir: string, audience: string) => join(outDir, '.bases', `${audience}.json`);

/** Folder names of the parts of a base, inside its version folder: `pagefind`, `pagefind-1`, … */
export function basePartDirs(parts: number): string[] {
  return Array.from({ length: parts }, (_, i) => (i === 0 ? 'pagefind' : `pagefind-${i}`));
}

// Records are never changed once made (a change is a new record): a start hashes each once, not once per use.
const hashes = new WeakMap<SearchRecord, string>();

/** Short hash of everything the search shows of a record: equal hashes, equal results. */
export function recordHash(record: SearchRecord): string {
  let hash = hashes.get(record);
  if (hash === undefined) hashes.set(record, (hash = createHash('sha1').update(JSON.stringify(record)).digest('base64url').slice(0, 20)));
  return hash;
}

/** Hashes of records by URL. */
export function hashesOf(records: Iterable<SearchRecord>): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const r of records) hashes[r.url] = recordHash(r);
  return hashes;
}

/** Writes the note atomically (a half-written note would be read as « no note », so it is only safe). */
export async function writeBaseNote(options: { outDir: string; audience: string; note: BaseNote }): Promise<void> {
  const target = noteOf(options.outDir, options.audience);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify(options.note));
  await rename(temp, target);
}

/** The note of an audience when its base bundle is still on disk; undefined otherwise (built anew). */
export async function readBaseNote(options: { outDir: string; audience: string }): Promise<BaseNote | undefined> {
  try {
    const note = BaseNoteSchema.parse(JSON.parse(await readFile(noteOf(options.outDir, options.audience), 'utf8')));
    for (const part of basePartDirs(note.parts)) {
      if (!(await stat(join(options.outDir, options.audience, note.version, part, 'pagefind-entry.json'))).isFile()) return undefined;
    }
    return note;
  } catch {
    return undefined;
  }
}
