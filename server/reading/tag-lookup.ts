/** Finds a tag for the tag page, following aliases, among tags of visible pages only. */
import { tagKey, type TagKey } from '../../server/wiki/paths.ts';
import { aliasKeys } from '../../server/wiki/tags.ts';
import type { TagInfo } from '../../server/wiki/tags.ts';

/** What `/tags/<key>` shows. */
export interface TagLookup {
  /** The tag (canonical) with its visible pages. */
  tag: TagInfo;
  /** When the asked key was an old name: its label. */
  aliasLabel: string | undefined;
}

/** Label of an old tag name, from the alias table. */
export function aliasLabel(aliases: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.keys(aliases).find((from) => tagKey(from) === key);
}

/** The tag behind `key`, or undefined when no visible page carries it (the page then says 404). */
export function lookupTag(tags: TagInfo[], aliases: Readonly<Record<string, string>>, key: string): TagLookup | undefined {
  const direct = tags.find((t) => t.key === key);
  if (direct) return { tag: direct, aliasLabel: undefined };
  const canonical = aliasKeys(aliases).get(key as TagKey);
  const tag = canonical ? tags.find((t) => t.key === canonical) : undefined;
  return tag ? { tag, aliasLabel: aliasLabel(aliases, key) ?? key } : undefined;
}
