/**
 * The alias table of `_gare/tags.yml` (`alias: { ancien nom: nom de référence }`), read the one
 * way the index and the tag tools share. No `node:` import.
 */
import type { TagAliases } from './tags.ts';
import { loadYamlMapping } from './yaml.ts';

/** Repository path of the tag settings. */
export const tagSettingsPath = '_gare/tags.yml';

/** The alias table of a settings file: text values only. Throws YamlError for a file it refuses. */
export function parseTagAliases(text: string): TagAliases {
  const table = loadYamlMapping(text, { what: tagSettingsPath })['alias'];
  if (!table || typeof table !== 'object' || Array.isArray(table)) return {};
  return Object.fromEntries(Object.entries(table).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
