/** Finds the tag of `/tags/<key>` among readable pages' tags, following old names (aliases). */
import { tagKey, type TagKey } from '../wiki/paths.ts';
import { aliasKeys, type TagAliases, type TagInfo } from '../wiki/tags.ts';

/** What `/tags/<key>` shows. */
export interface TagLookup {
  /** The tag (current name) with its readable pages. */
  tag: TagInfo;
  /** True when the asked key was an old name of the tag. */
  viaAlias: boolean;
  /** When the asked key was an old name the viewer may know: that name. */
  aliasLabel: string | undefined;
  /** Old names of the tag the viewer may know. */
  oldNames: string[];
}

/** Options of lookupTag. */
export interface LookupTagOptions {
  /** Tags of readable pages. */
  tags: TagInfo[];
  /** The whole alias table (old name → current name). */
  aliases: TagAliases;
  /** The key asked. */
  key: string;
  /** True when the viewer may know this old name (the team; others while a readable page carries it). */
  showable(key: string): boolean;
}

/** Label of an old tag name, from the alias table. */
function aliasLabel(aliases: TagAliases, key: string): string | undefined {
  return Object.keys(aliases).find((from) => tagKey(from) === key);
}

/** The tag behind `key`, or undefined when no readable page carries it (the page then says 404). */
export function lookupTag({ tags, aliases, key, showable }: LookupTagOptions): TagLookup | undefined {
  const direct = tags.find((t) => t.key === key);
  const canonical = direct ? undefined : aliasKeys(aliases).get(key as TagKey);
  const tag = direct ?? (canonical ? tags.find((t) => t.key === canonical) : undefined);
  if (!tag) return undefined;
  // An old name is shown only when the viewer may know it: a tag renamed away from team pages
  // must not tell a visitor what those pages were called.
  const oldNames = tag.aliases.filter(showable).map((a) => aliasLabel(aliases, a) ?? a);
  const asked = !direct && showable(key) ? (aliasLabel(aliases, key) ?? key) : undefined;
  return { tag, viaAlias: !direct, aliasLabel: asked, oldNames };
}
