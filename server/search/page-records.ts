/** Turns wiki pages into search records (plain text, tags, type label). */
import type { SearchRecord } from './record.ts';
import type { Page } from '../wiki/page.ts';
import { markdownToText } from '../wiki/plain-text.ts';
import { pageTypeLabels, type KnownPageType } from '../wiki/schema.ts';
import { tagKey } from '../wiki/paths.ts';
import { aliasKeys, type TagAliases } from '../wiki/tags.ts';

/** French label of a page type; unknown types show as written. */
export function typeLabel(type: string): string {
  return pageTypeLabels[type as KnownPageType]?.one ?? type;
}

/** Tags under their current names: a page still tagged « Pôle Emploi » is found as « France Travail ». */
function currentTags(tags: string[], aliases: TagAliases): string[] {
  const keys = aliasKeys(aliases);
  if (keys.size === 0) return tags;
  const labels = new Map(Object.values(aliases).map((to) => [tagKey(to), to]));
  return [...new Set(tags.map((t) => labels.get(keys.get(tagKey(t)) ?? tagKey(t)) ?? t))];
}

/** The search record of a page; `aliases` maps old tag names to current ones. */
export function toSearchRecord(page: Page, aliases: TagAliases = {}): SearchRecord {
  return {
    url: page.url,
    title: page.meta.title,
    text: markdownToText(page.body),
    tags: currentTags(page.meta.tags, aliases),
    type: page.meta.type,
    typeLabel: typeLabel(page.meta.type),
    ...(page.meta.date ? { date: page.meta.date } : {}),
    ...(page.meta.summary ? { summary: page.meta.summary } : {}),
    visibility: page.meta.visibility,
  };
}
