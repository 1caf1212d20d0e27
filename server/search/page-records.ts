/** Turns wiki pages into search records (plain text, tags, type label). */
import type { SearchRecord } from './record.ts';
import type { Page } from '../wiki/page.ts';
import { markdownToText } from '../wiki/plain-text.ts';
import { pageTypeLabels, type KnownPageType } from '../wiki/schema.ts';
import { tagKey } from '../wiki/paths.ts';
import { aliasKeys, type TagAliases } from '../wiki/tags.ts';
import { groupKeys } from '../access/groups.ts';

/** French label of a page type; unknown types show as written. */
export function typeLabel(type: string): string {
  return pageTypeLabels[type as KnownPageType]?.one ?? type;
}

/**
 * Tags under their current names, one per key: a page still tagged « Pôle Emploi » is found as
 * « France Travail », and « réunion d'équipe » / « réunion d’équipe » count once.
 */
function currentTags(tags: string[], aliases: TagAliases): string[] {
  const keys = aliasKeys(aliases);
  const labels = new Map(Object.values(aliases).map((to) => [tagKey(to), to]));
  const byKey = new Map<string, string>();
  for (const t of tags) {
    const key = keys.get(tagKey(t)) ?? tagKey(t);
    if (key && !byKey.has(key)) byKey.set(key, labels.get(key) ?? t);
  }
  return [...byKey.values()];
}

/**
 * Old names of the page's tags, so that « pole emploi » finds pages now tagged « France Travail ».
 * A public page brings only the old names it carries itself: the alias table may name what team
 * pages were called, and the public index must not answer to those words.
 */
function oldTagNames(page: Page, aliases: TagAliases): string[] {
  const keys = aliasKeys(aliases);
  const carried = new Set(page.meta.tags.map(tagKey));
  const current = new Set([...carried].map((k) => keys.get(k) ?? k));
  return Object.keys(aliases).filter((from) => {
    const key = tagKey(from);
    const to = keys.get(key);
    return to !== undefined && current.has(to) && ((page.meta.visibility !== 'public' && page.meta.groups.length === 0) || carried.has(key));
  });
}

/** The search record of a page from its Markdown body (`index.pageSource`); `aliases` maps old tag names to current ones. */
export function toSearchRecord(page: Page, body: string, aliases: TagAliases = {}): SearchRecord {
  return {
    url: page.url,
    title: page.meta.title,
    text: markdownToText(body),
    tags: currentTags(page.meta.tags, aliases),
    tagAliases: oldTagNames(page, aliases),
    type: page.meta.type,
    typeLabel: typeLabel(page.meta.type),
    ...(page.meta.date ? { date: page.meta.date } : {}),
    ...(page.meta.summary ? { summary: page.meta.summary } : {}),
    visibility: page.meta.visibility,
    groups: groupKeys(page.meta.groups),
  };
}

/** Page texts read at once while records are made: the index keeps no body, each is read back. */
const RECORD_READS = 32;

/** Options of `readSearchRecords`. */
export interface ReadSearchRecordsOptions {
  /** The pages. */
  pages: readonly Page[];
  /** A page's text read back (`index.pageSource`); undefined: gone since, no record. */
  read(page: Page): Promise<{ body: string } | undefined>;
  /** Old tag names to current ones. */
  aliases: TagAliases;
  /** Makes one batch's records (default: at once); the hub passes its scheduler's slices (`idle.each`). */
  each?: (items: readonly [Page, string][], fn: (item: [Page, string]) => void) => Promise<void>;
}

/**
 * The records of many pages, their texts read back a batch at a time with bounded reads: only a
 * batch of bodies is held at once, and only their plain text is kept (in the records).
 */
export async function readSearchRecords({ pages, read, aliases, each }: ReadSearchRecordsOptions): Promise<SearchRecord[]> {
  const out: SearchRecord[] = [];
  const make = ([page, body]: [Page, string]): void => void out.push(toSearchRecord(page, body, aliases));
  for (let i = 0; i < pages.length; i += RECORD_READS) {
    const batch = pages.slice(i, i + RECORD_READS);
    const texts = await Promise.all(batch.map(read));
    const items = batch.flatMap((page, k): [Page, string][] => {
      const text = texts[k];
      return text === undefined ? [] : [[page, text.body]];
    });
    if (each) await each(items, make);
    else items.forEach(make);
  }
  return out;
}
