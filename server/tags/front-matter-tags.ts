/**
 * Rewriting the `tags:` of a page file in place: only that field's lines change, so every other
 * front matter field and the body stay byte-identical (a rename touches many pages at once, and
 * their diffs must show nothing but the tag).
 */
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { tagKey, type TagKey } from '../wiki/paths.ts';
import { writePageSource } from '../editing/page-source.ts';

/** Tags as written in a front matter value (list or comma-separated text), trimmed, empties dropped. */
export function readTagList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return items.map((t) => t.trim()).filter((t) => t.length > 0);
}

/** Options of `renameInList`. */
export interface RenameInListOptions {
  /** The page's tags. */
  tags: readonly string[];
  /** Key of the tag being renamed. */
  from: TagKey;
  /** New label. */
  to: string;
}

/**
 * The list with every spelling of `from` replaced by `to`, and `to` written once (where it first
 * appears); undefined when the page does not carry `from`.
 */
export function renameInList({ tags, from, to }: RenameInListOptions): string[] | undefined {
  if (!tags.some((t) => tagKey(t) === from)) return undefined;
  const target = tagKey(to);
  const out: string[] = [];
  let placed = false;
  for (const tag of tags) {
    const key = tagKey(tag);
    if (key !== from && key !== target) out.push(tag);
    else if (!placed) {
      out.push(to);
      placed = true;
    }
  }
  return out;
}

const flow = (tags: readonly string[]): string => yaml.dump([...tags], { flowLevel: 0, lineWidth: -1 }).trimEnd();
const scalar = (tag: string): string => yaml.dump(tag, { lineWidth: -1 }).trimEnd();
const bare = (line: string | undefined): string => (line ?? '').replace(/\r?\n$/, '');

/** Lines of the `tags:` field inside the front matter block: [first, end) line indexes. */
function tagsField(lines: readonly string[]): { first: number; end: number } | undefined {
  if (bare(lines[0]) !== '---') return undefined;
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(bare(l)));
  if (close < 0) return undefined;
  const first = lines.findIndex((l, i) => i > 0 && i < close && /^tags[ \t]*:/.test(l));
  if (first < 0) return undefined;
  let end = first + 1;
  // The value goes on over indented lines and zero-indent `- item` lines (a block sequence).
  while (end < close && /^([ \t]|-([ \t]|$))/.test(bare(lines[end]))) end++;
  while (end > first + 1 && (lines[end - 1] ?? '').trim() === '') end--;
  return { first, end };
}

/** The `tags:` lines for `tags`, in the style the page used (block list or flow list). */
function writeField(old: readonly string[], tags: readonly string[], eol: string): string[] {
  const item = /^([ \t]*)-[ \t]/.exec(bare(old[1]));
  const block = old.length > 1 && /^tags[ \t]*:[ \t]*(#.*)?$/.test(bare(old[0])) && item;
  if (!block || tags.length === 0) return [`tags: ${flow(tags)}${eol}`];
  return [`tags:${eol}`, ...tags.map((t) => `${item[1] ?? ''}- ${scalar(t)}${eol}`)];
}

function withoutTags(data: Record<string, unknown>): Record<string, unknown> {
  const { tags: _tags, ...rest } = data;
  return rest;
}

/**
 * The page file with its tags set to `tags`. Only the `tags:` lines change; if the front matter
 * is written in a way this cannot edit safely, the file is rewritten the hub's way instead.
 */
export function replaceTags(source: string, tags: readonly string[]): string {
  const before = splitFrontMatter(source);
  const lines = source.split(/(?<=\n)/);
  const field = tagsField(lines);
  if (field) {
    const eol = /\r\n$/.test(lines[field.first] ?? '') ? '\r\n' : '\n';
    const next = [...lines.slice(0, field.first), ...writeField(lines.slice(field.first, field.end), tags, eol), ...lines.slice(field.end)].join('');
    const after = splitFrontMatter(next);
    const same = after.error === undefined && after.body === before.body && isDeepStrictEqual(withoutTags(after.data), withoutTags(before.data));
    if (same && isDeepStrictEqual(readTagList(after.data['tags']), [...tags])) return next;
  }
  return writePageSource({ ...before.data, tags: [...tags] }, before.body);
}
