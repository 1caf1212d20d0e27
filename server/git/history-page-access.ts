/**
 * Who could read a page version: its visibility and groups, from its path, its front matter and
 * the repository settings of that commit. Both history readers call this, through a memo keyed by
 * exactly what decides it, so a page edited a thousand times is parsed once per front matter.
 */
import { groupKeys } from '../access/groups.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { sectionOf, type PagePath } from '../wiki/paths.ts';
import type { RepoSettings } from '../wiki/repo-settings.ts';
import { parseFrontMatter, resolveMeta } from '../wiki/schema.ts';
import type { TouchedAccess } from './history-access.ts';

/** What a file that belongs to no readable page gets: the team's (privacy first). */
export const teamOnly: TouchedAccess = { visibility: 'equipe' };

/**
 * The start of a page file that can decide its access, read the way the front matter splitter
 * reads it: `---` up to the first `\n---` (gray-matter's closing), nothing when the file has no
 * front matter (the body only gives the title and tags). TOML front matter and a file opening
 * with a byte order mark are rare: kept whole, so they share nothing but are always right.
 */
export function frontMatterKey(source: string): string {
  if (source.startsWith('---')) {
    const close = source.indexOf('\n---', 3);
    return close < 0 ? source : source.slice(0, close + 4);
  }
  return source.startsWith('+++') || source.startsWith('\uFEFF') ? source : '';
}

const utf8 = new TextDecoder();
const dash = 0x2d;

/** `frontMatterKey` of a file's bytes, decoding only the front matter (a body is never decoded for nothing). */
export function frontMatterKeyOfBytes(data: Uint8Array): string {
  if (data[0] === dash && data[1] === dash && data[2] === dash) {
    const close = Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf('\n---', 3);
    return utf8.decode(close < 0 ? data : data.subarray(0, close + 4));
  }
  // Neither `---`, `+++` nor a byte order mark: no front matter, whatever the rest.
  if (data[0] !== 0x2b && data[0] !== 0xef) return '';
  return frontMatterKey(utf8.decode(data));
}

/**
 * Visibility and groups of `page` with text `source` under `settings` (no memo): what `parsePage`
 * decides (tests/git/history-page-access.test.ts holds them equal), from the front matter alone.
 * Not `parsePage` itself: its Markdown parser (for the title) would be loaded by the history
 * worker thread for nothing, and loading it cost more than the worker's first second of work.
 */
export function pageAccess(page: PagePath, source: string, settings: RepoSettings): TouchedAccess {
  try {
    const split = splitFrontMatter(source);
    const fields: Record<string, unknown> = { ...split.data };
    let problem = split.error !== undefined;
    let parsed = parseFrontMatter(fields);
    // Same rounds as parsePage: invalid fields dropped, the rest kept, the page made team-only.
    for (let round = 0; !parsed.success && round < 3; round++) {
      problem = true;
      for (const issue of parsed.error.issues) delete fields[String(issue.path[0] ?? 'front matter')];
      parsed = parseFrontMatter(fields);
    }
    const meta = resolveMeta(parsed.success ? parsed.data : {}, '', { section: sectionOf(page), settings });
    const visibility = problem || page.endsWith('.distant.md') ? 'equipe' : meta.visibility;
    return meta.groups.length > 0 ? { visibility, groups: groupKeys(meta.groups) } : { visibility };
  } catch {
    return teamOnly;
  }
}

/** Remembers page accesses for one history build. */
export function createPageAccessMemo() {
  const known = new Map<string, TouchedAccess>();
  return {
    /** Access of `page` whose text starts with `head` (its `frontMatterKey`) under `settings`, which `settingsKey` names. */
    of(page: PagePath, head: string, settings: RepoSettings, settingsKey: string): TouchedAccess {
      const key = `${settingsKey}\n${page}\n${head}`;
      let access = known.get(key);
      // The front matter alone decides, and parsing it alone skips the body (title, tags).
      if (!access) known.set(key, (access = pageAccess(page, head, settings)));
      return access;
    },
  };
}

/** A memo of page accesses. */
export type PageAccessMemo = ReturnType<typeof createPageAccessMemo>;

/** Distinct accesses, sorted by their JSON text: the `touched` list a record keeps. */
export function distinctAccesses(list: Iterable<TouchedAccess>): TouchedAccess[] {
  const seen = new Map<string, TouchedAccess>();
  for (const access of list) seen.set(JSON.stringify(access), access);
  return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([, access]) => access);
}
