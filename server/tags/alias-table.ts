/**
 * The alias table (old label → label of reference) kept consistent as it changes: one hop only
 * (the index follows a single alias), no cycles, one entry per old key. No `node:` import.
 */
import { tagKey, type TagKey } from '../wiki/paths.ts';
import type { TagAliases } from '../wiki/tags.ts';

/** Label of reference of a tag key: the target of its alias, or undefined when it is not an old name. */
export function aliasTarget(table: TagAliases, key: TagKey): string | undefined {
  for (const [from, to] of Object.entries(table)) if (tagKey(from) === key && tagKey(to) !== key) return to;
  return undefined;
}

/** Label of an old name as written in the table. */
export function aliasSource(table: TagAliases, key: TagKey): string | undefined {
  return Object.keys(table).find((from) => tagKey(from) === key);
}

/** The table without the entries whose old name has this key. */
export function removeAlias(table: TagAliases, key: TagKey): TagAliases {
  return Object.fromEntries(Object.entries(table).filter(([from]) => tagKey(from) !== key));
}

/**
 * The table once tag `from` is called `to`: aliases that led to `from` now lead to `to`, and `to`
 * stops being an old name (it is the reference now). With `keep`, `from → to` is added.
 */
export function moveAliases(table: TagAliases, from: string, to: string, keep: boolean): TagAliases {
  const fromKey = tagKey(from);
  const toKey = tagKey(to);
  const out: Record<string, string> = {};
  for (const [old, target] of Object.entries(table)) {
    const oldKey = tagKey(old);
    if (oldKey === toKey || oldKey === fromKey) continue;
    const next = tagKey(target) === fromKey ? to : target;
    if (tagKey(next) !== oldKey) out[old] = next;
  }
  if (keep && fromKey !== toKey) out[from] = to;
  return out;
}

/**
 * The label a new name really means: when `to` is itself an old name of another tag, that tag
 * (aliases stay one hop); when it is an old name of `from`, `to` itself (the rename undoes the alias).
 */
export function resolveTarget(table: TagAliases, from: TagKey, to: string): string {
  const target = aliasTarget(table, tagKey(to));
  return target === undefined || tagKey(target) === from ? to : target;
}

/** True when both tables hold the same entries. */
export function sameAliases(a: TagAliases, b: TagAliases): boolean {
  const ea = Object.entries(a);
  return ea.length === Object.keys(b).length && ea.every(([k, v]) => b[k] === v);
}
