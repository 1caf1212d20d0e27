/** The export's own search: one Pagefind bundle of public pages, laid out as the live `/pagefind/public`. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readSearchRecords } from '../search/page-records.ts';
import { writeBundle } from '../search/bundle.ts';
import { typeLabelsOf } from '../search/delta-plan.ts';
import { writeManifest } from '../search/manifest.ts';
import type { Page } from '../wiki/page.ts';
import type { TagAliases } from '../wiki/tags.ts';

/** Options of `writePublicSearch`. */
export interface PublicSearchOptions {
  /** Export folder (the bundle goes to `<outDir>/pagefind/public/`). */
  outDir: string;
  /** Pages a visitor may read (`hub.forViewer(anonymous).pages()`). */
  pages: Iterable<Page>;
  /** A page's text read back through the visitor's reader (`reader.pageSource`). */
  read(page: Page): Promise<{ body: string } | undefined>;
  /** Clock, for the manifest's date. */
  now: () => Date;
  /** Tag aliases (old name → current name), as the live search uses them. */
  aliases?: TagAliases;
}

/** Writes `pagefind/public/manifest.json` and its base bundle; returns how many pages it indexed. */
export async function writePublicSearch({ outDir, pages, read, now, aliases = {} }: PublicSearchOptions): Promise<{ pages: number; dir: string }> {
  const records = await readSearchRecords({ pages: [...pages], read, aliases });
  const audienceDir = join(outDir, 'pagefind', 'public');
  const version = `base-export-${now().getTime().toString(36)}`;
  await mkdir(audienceDir, { recursive: true });
  const written = await writeBundle({ dir: join(audienceDir, version, 'pagefind'), records, bundleId: version });
  await writeManifest({
    dir: audienceDir,
    manifest: {
      baseVersion: version,
      basePath: `${version}/pagefind/`,
      basePages: written.pages,
      deltaVersion: null,
      deltaPath: null,
      deltaPages: 0,
      changedUrls: [],
      removedUrls: [],
      typeLabels: typeLabelsOf(records),
      builtAt: now().toISOString(),
    },
  });
  return { pages: written.pages, dir: audienceDir };
}
