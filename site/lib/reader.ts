/** Pages of the live collection, as the request's viewer may read them (`Astro.locals.reader`). */
import { getLiveCollection, getLiveEntry } from 'astro:content';
import type { Page } from '../../server/wiki/page.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';

/** Every page the viewer may read. */
export async function readablePages(reader: WikiReader): Promise<Page[]> {
  const { entries, error } = await getLiveCollection('pages', { reader });
  if (error) console.error('[site] lecture des pages impossible', error);
  return (entries ?? []).map((e) => e.data);
}

/** A readable page by slug (a folder slug gives its `index` page), or undefined: missing and forbidden look the same. */
export async function readablePage(reader: WikiReader, slug: string): Promise<Page | undefined> {
  if (!slug) return undefined;
  const { entry } = await getLiveEntry('pages', { slug, reader });
  return entry?.data;
}
