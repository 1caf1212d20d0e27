/** Turns wiki pages into search records (plain text, tags, type label). */
import type { SearchRecord } from './record.ts';
import type { Page } from '../wiki/page.ts';
import { markdownToText } from '../wiki/plain-text.ts';
import { pageTypeLabels, type KnownPageType } from '../wiki/schema.ts';
import { tagKey, type TagKey } from '../wiki/paths.ts';
import { aliasKeys, type TagAliases } from '../wiki/tags.ts';
import { groupKeys } from '../access/groups.ts';
import type { RecordTexts } from './record-texts.ts';

/** French label of a page type; unknown types show as written. */
export function typeLabel(type: string): string {
  return pageTypeLabels[type as KnownPageType]?.one ?? type;
}

/** The alias table in the forms a record needs, worked out once per batch of records. */
interface AliasTables {
  /** Old tag key to current tag key. */
  keys: Map<TagKey, TagKey>;
  /** Current tag key to its label. */
  labels: Map<TagKey, string>;
  /** Each old name with its key. */
  from: Array<[string, TagKey]>;
}

function aliasTables(aliases: TagAliases): AliasTables {
  return {
    keys: aliasKeys(aliases),
    labels: new Map(Object.values(aliases).map((to) => [tagKey(to), to])),
    from: Object.keys(aliases).map((name): [string, TagKey] => [name, tagKey(name)]),
  };
}

/**
 * Tags under their current names, one per key: a page still tagged « Pôle Emploi » is found as
 * « France Travail », and « réunion d'équipe » / « réunion d’équipe » count once.
 */
function currentTags(page: Page, { keys, labels }: AliasTables): string[] {
  const byKey = new Map<TagKey, string>();
  page.meta.tags.forEach((t, i) => {
    const own = page.tagKeys[i] ?? tagKey(t);
    const key = keys.get(own) ?? own;
    if (key && !byKey.has(key)) byKey.set(key, labels.get(key) ?? t);
  });
  return [...byKey.values()];
}

/**
 * Old names of the page's tags, so that « pole emploi » finds pages now tagged « France Travail ».
 * A public page brings only the old names it carries itself: the alias table may name what team
 * pages were called, and the public index must not answer to those words.
 */
function oldTagNames(page: Page, { keys, from }: AliasTables): string[] {
  if (from.length === 0) return [];
  const carried = new Set(page.meta.tags.map((t, i) => page.tagKeys[i] ?? tagKey(t)));
  const current = new Set([...carried].map((k) => keys.get(k) ?? k));
  return from
    .filter(([, key]) => {
      const to = keys.get(key);
      return to !== undefined && current.has(to) && ((page.meta.visibility !== 'public' && page.meta.groups.length === 0) || carried.has(key));
    })
    .map(([name]) => name);
}

/** The search record of a page from its Markdown body (`index.pageSource`); `aliases` maps old tag names to current ones. */
export function toSearchRecord(page: Page, body: string, aliases: TagAliases = {}): SearchRecord {
  return recordWithText(page, markdownToText(body), aliasTables(aliases));
}

/** The search record of a page whose plain text is known. */
function recordWithText(page: Page, text: string, tables: AliasTables): SearchRecord {
  return {
    url: page.url,
    title: page.meta.title,
    text,
    tags: currentTags(page, tables),
    tagAliases: oldTagNames(page, tables),
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
  /** Texts already made, by blob (the search's store): a page whose text is known is not read back. */
  texts?: RecordTexts;
}

/**
 * The records of many pages, their texts read back a batch at a time with bounded reads: only a
 * batch of bodies is held at once, and only their plain text is kept (in the records).
 */
export async function readSearchRecords({ pages, read, aliases, each, texts }: ReadSearchRecordsOptions): Promise<SearchRecord[]> {
  // In the pages' order, whichever are made first.
  const out: Array<SearchRecord | undefined> = new Array<SearchRecord | undefined>(pages.length);
  const position = new Map(pages.map((page, i) => [page, i]));
  const known = texts ? await texts.known() : () => undefined;
  const tables = aliasTables(aliases);
  const make = ([page, body]: [Page, string]): void => {
    const text = markdownToText(body);
    texts?.remember(page.url, page.blob, text, true);
    out[position.get(page) as number] = recordWithText(page, text, tables);
  };
  const take = ([page, text]: [Page, string]): void => {
    texts?.remember(page.url, page.blob, text, false);
    out[position.get(page) as number] = recordWithText(page, text, tables);
  };
  // A page whose text is known is not read back: its record is made from the index's fields.
  const unknown: Page[] = [];
  const reused: [Page, string][] = [];
  for (const page of pages) {
    const text = known(page.blob);
    if (text === undefined) unknown.push(page);
    else reused.push([page, text]);
  }
  if (each) await each(reused, take);
  else reused.forEach(take);
  for (let i = 0; i < unknown.length; i += RECORD_READS) {
    const batch = unknown.slice(i, i + RECORD_READS);
    const sources = await Promise.all(batch.map(read));
    const items = batch.flatMap((page, k): [Page, string][] => {
      const source = sources[k];
      return source === undefined ? [] : [[page, source.body]];
    });
    if (each) await each(items, make);
    else items.forEach(make);
  }
  return out.filter((record) => record !== undefined);
}
