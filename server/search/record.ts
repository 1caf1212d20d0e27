/** The shape of what the search indexes: one record per rendered page. No `node:` import. */
import { z } from 'zod';
import { audienceReads } from '../access/policy.ts';
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
});

/** One page as the search sees it. */
export type SearchRecord = z.infer<typeof SearchRecordSchema>;

/** Who a bundle is built for: `public` (visitors) or `equipe` (the team, who read everything). */
export type Audience = Visibility;

/** Every audience, each with a bundle of its own. */
export const audiences: readonly Audience[] = ['public', 'equipe'];

/** Whether a viewer of `audience` may read this record: the one privacy rule of the search. */
export function isVisibleTo(record: Pick<SearchRecord, 'visibility'>, audience: Audience): boolean {
  return audienceReads(audience, record.visibility);
}

/** Something kept in step with the indexed records (suggester, server-side search). */
export interface RecordFollower {
  /** Replaces every record. */
  setRecords(records: Iterable<SearchRecord>): void;
  /** Adds or replaces records (by URL). */
  upsert(records: Iterable<SearchRecord>): void;
  /** Forgets records by URL. */
  remove(urls: Iterable<string>): void;
}
