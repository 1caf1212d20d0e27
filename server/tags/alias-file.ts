/**
 * Reading and writing the alias table of `_gare/tags.yml` as text: the `alias:` block is rewritten,
 * the comments and other settings people wrote around it stay as they are. No `node:` import.
 */
import yaml from 'js-yaml';
import type { TagAliases } from '../wiki/tags.ts';
import { parseTagAliases } from '../wiki/tag-settings.ts';
import { loadYamlMapping } from '../wiki/yaml.ts';
import { sameAliases } from './alias-table.ts';

/** Repository path of the tag settings. */
export const tagSettingsPath = '_gare/tags.yml';

const header = '# Alias d’étiquettes : ancien nom → nom de référence. Les pages qui portent l’ancien nom\n# sont rangées sous le nom de référence, et les anciens liens /tags/… y mènent.\n';

function load(text: string): Record<string, unknown> | undefined {
  try {
    return loadYamlMapping(text, { what: tagSettingsPath });
  } catch {
    return undefined;
  }
}

/** The alias table of a settings file (same reading as the wiki index: text values only). */
export function readAliasFile(text: string | undefined): TagAliases {
  try {
    return parseTagAliases(text ?? '');
  } catch {
    return {};
  }
}

function aliasBlock(table: TagAliases): string {
  const entries = Object.entries(table);
  if (entries.length === 0) return 'alias: {}\n';
  const body = yaml.dump(Object.fromEntries(entries), { lineWidth: -1 });
  return `alias:\n${body.replace(/^(?=.)/gm, '  ')}`;
}

/** The settings file text with its alias table replaced by `table`. */
export function writeAliasFile(text: string | undefined, table: TagAliases): string {
  if (text === undefined || text.trim() === '') return header + aliasBlock(table);
  const lines = text.replace(/\r\n?/g, '\n').split(/(?<=\n)/);
  const first = lines.findIndex((l) => /^alias[ \t]*:/.test(l));
  let next: string;
  if (first < 0) next = `${text.endsWith('\n') ? text : `${text}\n`}${aliasBlock(table)}`;
  else {
    let end = first + 1;
    while (end < lines.length && /^([ \t]|\n|$)/.test(lines[end] ?? '')) end++;
    // Blank lines after the block separate it from what follows: they stay.
    while (end > first + 1 && (lines[end - 1] ?? '').trim() === '') end--;
    next = [...lines.slice(0, first), aliasBlock(table), ...lines.slice(end)].join('');
  }
  const before = load(text) ?? {};
  const after = load(next);
  const othersKept = after !== undefined && Object.keys(before).every((k) => k === 'alias' || JSON.stringify(before[k]) === JSON.stringify(after[k]));
  if (othersKept && sameAliases(readAliasFile(next), table)) return next;
  // A file this cannot edit line by line is written whole (its comments are lost, its settings kept).
  return header + yaml.dump({ ...before, alias: { ...table } }, { lineWidth: -1 });
}
