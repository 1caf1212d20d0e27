/** Tags compared without case and accents, with aliases (« Pôle Emploi » → « France Travail »). */
import { tagKey, type TagKey } from './paths.ts';
import type { Page } from './page.ts';

/** A tag with the pages that carry it. */
export interface TagInfo {
  /** Comparison key, used in URLs. */
  key: TagKey;
  /** Display label (the most used spelling, or the alias target). */
  label: string;
  /** Pages carrying it (or one of its aliases). */
  pages: Page[];
  /** Keys of old names that lead here. */
  aliases: TagKey[];
}

/** Alias table: old tag label → new tag label, read from `_gare/tags.yml` of the content repo. */
export type TagAliases = Readonly<Record<string, string>>;

/** Maps a tag key through the aliases (one hop is enough: aliases point to a canonical tag). */
export function canonicalTag(key: TagKey, aliases: ReadonlyMap<TagKey, TagKey>): TagKey {
  return aliases.get(key) ?? key;
}

/** Turns the alias table into keys. */
export function aliasKeys(aliases: TagAliases): Map<TagKey, TagKey> {
  const m = new Map<TagKey, TagKey>();
  for (const [from, to] of Object.entries(aliases)) if (tagKey(from) !== tagKey(to)) m.set(tagKey(from), tagKey(to));
  return m;
}

/** Groups pages by canonical tag, most used first; labels pick the most common spelling. */
export function groupTags(pages: Iterable<Page>, aliases: TagAliases): TagInfo[] {
  const keys = aliasKeys(aliases);
  const labelOf = new Map<TagKey, string>();
  for (const to of Object.values(aliases)) labelOf.set(tagKey(to), to);
  const groups = new Map<TagKey, { pages: Page[]; spellings: Map<string, number> }>();
  for (const page of pages) {
    const seen = new Set<TagKey>();
    page.meta.tags.forEach((label, i) => {
      const key = canonicalTag(page.tagKeys[i] ?? tagKey(label), keys);
      if (!key || seen.has(key)) return;
      seen.add(key);
      const g = groups.get(key) ?? { pages: [] as Page[], spellings: new Map<string, number>() };
      g.pages.push(page);
      g.spellings.set(label, (g.spellings.get(label) ?? 0) + 1);
      groups.set(key, g);
    });
  }
  const reverse = new Map<TagKey, TagKey[]>();
  for (const [from, to] of keys) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  return [...groups]
    .map(([key, g]) => ({
      key,
      label: labelOf.get(key) ?? [...g.spellings].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key,
      pages: g.pages,
      aliases: reverse.get(key) ?? [],
    }))
    .sort((a, b) => b.pages.length - a.pages.length || a.label.localeCompare(b.label, 'fr'));
}

/** True when the page carries the tag (or one of its aliases). */
export function hasTag(page: Page, key: TagKey, aliases: TagAliases): boolean {
  const keys = aliasKeys(aliases);
  const wanted = canonicalTag(key, keys);
  return page.tagKeys.some((k) => canonicalTag(k, keys) === wanted);
}

/**
 * Maps any spelling or old name of a tag to the label the tag lists show (« pole emploi » →
 * « France Travail »); a tag absent from `tags` keeps its spelling.
 */
export function labelTags(tags: readonly TagInfo[]): (tag: string) => string {
  const byKey = new Map<string, string>();
  for (const t of tags) {
    byKey.set(t.key, t.label);
    for (const alias of t.aliases) byKey.set(alias, t.label);
  }
  return (tag) => byKey.get(tagKey(tag)) ?? tag;
}
