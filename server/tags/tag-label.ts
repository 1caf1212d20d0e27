/** Tag names typed in the rename and alias forms: checked once, and the answer's tag shape. */
import { GareError, InvalidInput } from '../errors.ts';
import { tagKey, tagUrl, type TagKey } from '../wiki/paths.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';

/** No page (and no alias) carries the tag asked for. */
export class TagNotFound extends GareError {
  override readonly code = 'TagNotFound';
  override readonly status = 404;
}

/** A tag as the API answers it. */
export interface TagRef {
  /** Comparison key (`france-travail`). */
  key: TagKey;
  /** Display label (`France Travail`). */
  label: string;
  /** Tag page (`/tags/france-travail`). */
  url: string;
}

/** The tag reference of a label. */
export function tagRef(label: string): TagRef {
  return { key: tagKey(label), label, url: tagUrl(label) };
}

/** A typed tag name, cleaned: spaces collapsed; refused when empty, too long, or holding a comma. */
export function checkTagLabel(text: string, what: string): string {
  const label = text.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(label)) throw new InvalidInput(`${what} : écrivez au moins une lettre ou un chiffre.`);
  if (label.length > 80) throw new InvalidInput(`${what} : 80 caractères au plus (il en a ${label.length}).`);
  // The editor and comma-separated front matter split tags on commas.
  if (label.includes(',')) throw new InvalidInput(`${what} : une étiquette ne peut pas contenir de virgule. Écrivez deux étiquettes séparées.`);
  return label;
}

/** The tag as the index now shows it (its most used spelling), or as typed when no page carries it. */
export function describeTag(index: Pick<WikiIndex, 'tags'>, label: string): TagRef {
  const key = tagKey(label);
  const shown = index.tags().find((t) => t.key === key)?.label ?? label;
  return { key, label: shown, url: tagUrl(shown) };
}
