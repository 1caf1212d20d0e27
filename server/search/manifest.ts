/**
 * The manifest the browser reads first: which base and delta bundles are live, and which base
 * results are stale. Paths are relative to the audience folder (served at `/pagefind/<audience>/`).
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Contents of `<outDir>/<audience>/manifest.json`. */
export interface SearchManifest {
  /** Id of the live base bundle. */
  baseVersion: string;
  /** Folder of the base bundle, relative to the audience folder, ending in `/`. */
  basePath: string;
  /** Pages in the base bundle (0: the browser must not load it as primary). */
  basePages: number;
  /**
   * Further parts of the base, relative to the audience folder, ending in `/`: a large base is
   * split so that one Pagefind process never holds more than a part. Merged like the delta.
   */
  baseMorePaths?: string[];
  /** Id of the live delta bundle, or null when nothing changed since the base. */
  deltaVersion: string | null;
  /** Folder of the delta bundle, relative to the audience folder, or null. */
  deltaPath: string | null;
  /** Pages in the delta bundle. */
  deltaPages: number;
  /** URLs whose base result is stale (their fresh version is in the delta). */
  changedUrls: string[];
  /** URLs whose base result must be dropped (deleted or no longer readable by this audience). */
  removedUrls: string[];
  /** French label of every page type present in this audience's bundles. */
  typeLabels: Record<string, string>;
  /** When this manifest was written (ISO 8601). */
  builtAt: string;
}

/** Name of the manifest file in each audience folder. */
export const manifestName = 'manifest.json';

/** Writes the manifest atomically (temp file + rename), so a reader never sees half of it. */
export async function writeManifest(options: { dir: string; manifest: SearchManifest }): Promise<void> {
  const target = join(options.dir, manifestName);
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(temp, JSON.stringify(options.manifest));
  await rename(temp, target);
}
