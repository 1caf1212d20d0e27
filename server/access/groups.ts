/**
 * Group names and keys, shared by the policy, the accounts store and the browser. A page names
 * its groups as people write them (`groupes: [Accompagnement]`); a viewer carries the keys of
 * the groups they belong to. No `node:` import.
 */
import { slugify } from '../wiki/paths.ts';

/** Key of a group name: case, accents and punctuation do not count (`Direction des Sports` ≡ `direction-des-sports`). */
export function groupKey(name: string): string {
  // Every page check asks for the keys of the page's group names: the few names a wiki uses are
  // slugified once, not ten thousand times a request.
  const known = keys.get(name);
  if (known !== undefined) return known;
  // Reserved names (`__acces-illisible__`, the lock of a broken acces.yml) stay verbatim: a stored
  // group's key is always slugified, so nobody can hold them, whereas slugify would make them plain words.
  const key = /^__.+__$/u.test(name) ? name : slugify(name, 80);
  if (keys.size >= 10_000) keys.clear();
  keys.set(name, key);
  return key;
}

const keys = new Map<string, string>();

/** True when someone holding `keys` belongs to one of the groups named in `names`. */
export function inAnyGroup(keys: readonly string[], names: readonly string[]): boolean {
  return names.some((name) => keys.includes(groupKey(name)));
}

/** The keys of group names, deduplicated and sorted (for audiences and bundle names). */
export function groupKeys(names: readonly string[]): string[] {
  return [...new Set(names.map(groupKey))].sort();
}
