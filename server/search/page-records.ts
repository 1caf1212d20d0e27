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

/** The search record of a page; `aliases` maps old tag names to current ones. */
export function toSearchRecord(page: Page, aliases: TagAliases = {}): SearchRecord {
  return {
    url: page.url,
    title: page.meta.title,
    text: markdownToText(page.body),
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
