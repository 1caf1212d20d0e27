/** Turns wiki pages into search records (plain text, tags, type label). */
import type { SearchRecord } from '../search/record.ts';
import type { Page } from '../wiki/page.ts';
import { markdownToText } from '../wiki/plain-text.ts';
import { pageTypeLabels, type KnownPageType } from '../wiki/schema.ts';

/** French label of a page type; unknown types show as written. */
export function typeLabel(type: string): string {
  return pageTypeLabels[type as KnownPageType]?.one ?? type;
}

/** The search record of a page. */
export function toSearchRecord(page: Page): SearchRecord {
  return {
    url: page.url,
    title: page.meta.title,
    text: markdownToText(page.body),
    tags: page.meta.tags,
    type: page.meta.type,
    typeLabel: typeLabel(page.meta.type),
    ...(page.meta.date ? { date: page.meta.date } : {}),
    ...(page.meta.summary ? { summary: page.meta.summary } : {}),
    visibility: page.meta.visibility,
  };
}
