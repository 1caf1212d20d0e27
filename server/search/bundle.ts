/** Writes one Pagefind bundle from search records, through Pagefind's Node API. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { CustomRecord, NewFileResponse } from 'pagefind';
import type { SearchRecord } from './record.ts';
import { tagKey } from '../wiki/paths.ts';

/** A Pagefind service: its own child process, which handles one request at a time. */
export type PagefindService = Pick<typeof pagefind, 'createIndex' | 'close'>;

/** Names of the services: deltas stay quick on `main` while a base builds on `background`. */
export type PagefindServiceName = 'main' | 'background';

/**
 * The named Pagefind service. The library keeps its service in a module variable, so a second
 * copy of the module (same file, other query string) is the way to get a second process.
 */
export async function pagefindService(name: PagefindServiceName): Promise<PagefindService> {
  if (name === 'main') return pagefind;
  return (await import(/* @vite-ignore */ `${import.meta.resolve('pagefind')}?service=${name}`)) as PagefindService;
}

/** Options of `writeBundle`. */
export interface WriteBundleOptions {
  /** Directory that will hold the bundle files (`…/pagefind`); must not exist yet. */
  dir: string;
  /** Records to index; the caller has already kept only those the audience may read. */
  records: Iterable<SearchRecord>;
  /** Name of this bundle (`base-…`, `delta-…`), stored as the `bundle` filter of every record. */
  bundleId: string;
  /** Service to build with (default `main`). */
  service?: PagefindServiceName;
}

// Files of Pagefind's ready-made UIs: we ship our own component, so they are only weight.
const unusedFiles = [
  'pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css',
  'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js',
];

/** What Pagefind indexes for a record: searchable meta (title, tags, type), filters and the body. */
export function toCustomRecord(record: SearchRecord, bundleId: string): CustomRecord {
  const meta: Record<string, string> = { title: record.title, type: record.typeLabel };
  if (record.tags.length > 0) meta['tags'] = record.tags.join(', ');
  if (record.tagAliases?.length) meta['oldTags'] = record.tagAliases.join(', ');
  if (record.summary) meta['summary'] = record.summary;
  if (record.date) meta['date'] = record.date;
  return {
    url: record.url,
    content: record.text,
    language: 'fr',
    meta,
    // `bundle` lets the browser tell a stale base result from its fresh delta twin; `tagkey`
    // filters without spelling (« Réunion d’équipe » ≡ « réunion d'équipe ») nor old names.
    filters: { tag: record.tags, tagkey: [...new Set([...record.tags, ...(record.tagAliases ?? [])].map(tagKey))], type: [record.type], bundle: [bundleId] },
  };
}

// Pagefind indexes created by this process: a restart over unchanged pages must create none.
let indexesCreated = 0;

/** How many Pagefind indexes this process has built (tests, benchmark). */
export function pagefindIndexesCreated(): number {
  return indexesCreated;
}

/** Builds and writes one bundle; returns how many pages it holds. Throws if Pagefind reports errors. */
export async function writeBundle(options: WriteBundleOptions): Promise<{ pages: number }> {
  const service = await pagefindService(options.service ?? 'main');
  indexesCreated += 1;
  const created = await service.createIndex({ forceLanguage: 'fr' });
  const index = created.index;
  if (!index) throw new Error(`Pagefind could not create an index: ${created.errors.join('; ')}`);
  try {
    const adds: Promise<NewFileResponse>[] = [];
    for (const record of options.records) adds.push(index.addCustomRecord(toCustomRecord(record, options.bundleId)));
    // Sent all at once: the service pipelines them, one round trip each would dominate on 10k pages.
    const added = await Promise.all(adds);
    const errors = added.flatMap((r) => r.errors);
    if (errors.length > 0) throw new Error(`Pagefind refused records: ${errors.slice(0, 3).join('; ')}`);
    const written = await index.writeFiles({ outputPath: options.dir });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${options.dir}: ${written.errors.join('; ')}`);
    await Promise.all(unusedFiles.map((name) => rm(join(options.dir, name), { force: true })));
    return { pages: added.length };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's service processes (they restart by themselves on the next build). */
export async function closePagefind(): Promise<void> {
  await Promise.all((['main', 'background'] as const).map(async (name) => (await pagefindService(name)).close()));
}

/**
 * Stops one service: its process keeps the peak memory of its largest index until it exits, so
 * the base builder is stopped once no base is waiting (restarted, in ~20 ms, at the next build).
 */
export async function closePagefindService(name: PagefindServiceName): Promise<void> {
  await (await pagefindService(name)).close();
}
