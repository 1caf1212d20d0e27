/** The shape of what the search indexes: one record per rendered page. No `node:` import. */
import { z } from 'zod';
import { audienceReads, type Audience as ReaderAudience } from '../access/policy.ts';
import { VisibilitySchema, type Visibility } from '../wiki/schema.ts';

/** One page as the search sees it. */
export const SearchRecordSchema = z.object({
  /** Public URL of the page (`/wiki/<slug>`), the key of the record. */
  url: z.string().min(1),
  /** Title shown in results. */
  title: z.string(),
  /** Plain text of the rendered body. */
  text: z.string(),
  /** Tags as written (display form). */
  tags: z.array(z.string()),
  /** Old names of its tags (`_gare/tags.yml`) that find the page too; never shown. */
  tagAliases: z.array(z.string()).optional(),
  /** Page type key (`ressource`, `compte-rendu`, …). */
  type: z.string(),
  /** French label of the type, shown on filter chips and results. */
  typeLabel: z.string(),
  /** `AAAA-MM-JJ`, when the page is about a date. */
  date: z.string().optional(),
  /** One-sentence summary. */
  summary: z.string().optional(),
  /** Who may read the page. */
  visibility: VisibilitySchema,
  /** Keys of the groups the page is restricted to (`groupKey`); empty when none. */
  groups: z.array(z.string()).optional(),
});

/** One page as the search sees it (no `groups`: open to its visibility). */
export type SearchRecord = z.infer<typeof SearchRecordSchema>;

/**
 * Who a bundle is built for: `public` (public pages without groups), `equipe` (the team-only
 * part: pages without groups that are not public), or `groupe-<key>[+<key>…]` (the pages
 * restricted to exactly that set of groups). Each page is in exactly one bundle, indexed once: a
 * visitor loads `public`, the team `public` + `equipe`, a member of groups adds every set holding
 * one of its groups, all merged in the browser.
 */
export type Audience = Visibility | `groupe-${string}`;

/** The base audiences, always built. */
export const audiences: readonly Visibility[] = ['public', 'equipe'];

/** Folder names stay short: a set of many groups is named by a hash of its keys. */
const maxNameLength = 120;

function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The bundle audience of the pages restricted to this set of groups (keys), `''`-free and sorted. */
export function groupAudience(keys: readonly string[]): Audience {
  const name = [...new Set(keys)].sort().join('+');
  return `groupe-${name.length <= maxNameLength ? name : `h${hashOf(name)}`}`;
}

/** Whether the bundle of `audience` holds this record: the one rule of what goes in a bundle. */
export function isVisibleTo(record: Pick<SearchRecord, 'visibility'> & { groups?: readonly string[] | undefined }, audience: Audience): boolean {
  const groups = record.groups ?? [];
  if (audience.startsWith('groupe-')) return groups.length > 0 && groupAudience(groups) === audience;
  return groups.length === 0 && (audience === 'public') === (record.visibility === 'public');
}

/** Whether a viewer of this audience may read the record (server-side search, suggestions). */
export function isReadableBy(record: Pick<SearchRecord, 'visibility'> & { groups?: readonly string[] | undefined }, audience: ReaderAudience): boolean {
  return audienceReads(audience, { visibility: record.visibility, groups: record.groups ?? [] });
}

/** Something kept in step with the indexed records (suggester, server-side search). */
export interface RecordFollower {
  /** Replaces every record. */
  setRecords(records: Iterable<SearchRecord>): void;
  /** Adds or replaces records (by URL). */
  upsert(records: Iterable<SearchRecord>): void;
  /** Forgets records by URL. */
  remove(urls: Iterable<string>): void;
  /** Its state as plain data, saved when the hub stops. */
  saveState?(): unknown;
  /** Takes a saved state back as if `setRecords(records)` had run; false when it cannot (then it is fed). */
  loadState?(records: readonly SearchRecord[], state: unknown): boolean;
}
