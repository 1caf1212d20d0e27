/**
 * Search without JavaScript (the /recherche page): Pagefind's Node API cannot query, so a plain
 * matcher over the records in memory, with the same folding and a light French stemmer.
 */
import { audienceFor, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import { isReadableBy, type RecordFollower, type SearchRecord } from './record.ts';
import { stemFrench, tokenize } from './text.ts';
import { excerptOf } from './excerpt.ts';

/** A query of the server-side search. */
export interface ServerSearchQuery {
  /** Words typed; accents and case do not count. */
  query: string;
  /** Only pages this audience may read are searched (a visibility alone: that base, no groups). */
  audience: Audience | Visibility;
  /** Tags that must all be on the page (compared without case and accents). */
  tags?: string[];
  /** Page type keys, any of which the page may have. */
  types?: string[];
  /** Results to return (default 20). */
  limit?: number;
}

/** One result, shaped like the browser client's. */
export interface ServerSearchHit {
  url: string;
  title: string;
  /** HTML: escaped text, matches in `<mark>`. */
  excerpt: string;
  tags: string[];
  type: string;
  typeLabel: string;
  date: string | undefined;
  score: number;
}

/** The server-side search, kept in step with the indexed records. */
export interface ServerSearch extends RecordFollower {
  /** Ranks readable pages: title matches first, then tags, summary, body. */
  searchServerSide(query: ServerSearchQuery): { results: ServerSearchHit[]; total: number };
}

interface Prepared {
  record: SearchRecord;
  // Space-framed stem strings (` a b c `): memory stays near the text size, scanning 10k is fast.
  title: string;
  tags: string;
  summary: string;
  text: string;
  tagKeys: Set<string>;
}

const stopWords = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'ou', 'en', 'au', 'aux', 'a', 'l', 'd', 'pour', 'par', 'sur', 'dans', 'avec']);

/** Stems of a text, space-framed, for `includes(' stem ')` checks. */
function stems(text: string): string {
  return ` ${tokenize(text).map(stemFrench).join(' ')} `;
}

/** Stems of the meaningful words of a query (stop words dropped unless nothing else is left). */
export function queryStems(query: string): string[] {
  const words = tokenize(query);
  const kept = words.filter((w) => !stopWords.has(w));
  return [...new Set((kept.length > 0 ? kept : words).map(stemFrench))];
}

function occurrences(haystack: string, stem: string): number {
  const needle = ` ${stem} `;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length - 1)) count += 1;
  return count;
}

function tagKeyOf(tag: string): string {
  return tokenize(tag).join('-');
}

/** Creates an empty server-side search. */
export function createServerSearch(): ServerSearch {
  const prepared = new Map<string, Prepared>();

  function upsert(records: Iterable<SearchRecord>): void {
    for (const record of records) {
      prepared.set(record.url, {
        record,
        title: stems(record.title),
        tags: stems([...record.tags, ...(record.tagAliases ?? [])].join(' ; ')),
        summary: stems(record.summary ?? ''),
        text: stems(record.text),
        tagKeys: new Set([...record.tags, ...(record.tagAliases ?? [])].map(tagKeyOf)),
      });
    }
  }

  function score(p: Prepared, terms: string[]): number {
    let total = 0;
    for (const term of terms) {
      const tf = occurrences(p.text, term);
      // Title > tags > summary > body: one title hit outweighs any body frequency (saturated at 2.5).
      const s = 10 * occurrences(p.title, term) + 5 * occurrences(p.tags, term) + 2 * occurrences(p.summary, term) + (2.5 * tf) / (tf + 1.5);
      if (s === 0) return 0; // every term must match
      total += s;
    }
    return total;
  }

  return {
    setRecords(records) {
      prepared.clear();
      upsert(records);
    },
    upsert,
    remove(urls) {
      for (const url of urls) prepared.delete(url);
    },
    searchServerSide(q) {
      const terms = queryStems(q.query);
      const wantedTags = (q.tags ?? []).map(tagKeyOf);
      const types = new Set(q.types ?? []);
      if (terms.length === 0 && wantedTags.length === 0 && types.size === 0) return { results: [], total: 0 };
      const matches: Array<{ p: Prepared; score: number }> = [];
      const audience = typeof q.audience === 'string' ? audienceFor(q.audience) : q.audience;
      for (const p of prepared.values()) {
        if (!isReadableBy(p.record, audience)) continue;
        if (types.size > 0 && !types.has(p.record.type)) continue;
        if (!wantedTags.every((t) => p.tagKeys.has(t))) continue;
        const s = terms.length === 0 ? 1 : score(p, terms);
        if (s > 0) matches.push({ p, score: s });
      }
      matches.sort((a, b) => b.score - a.score || a.p.record.title.localeCompare(b.p.record.title, 'fr'));
      const results = matches.slice(0, q.limit ?? 20).map(({ p, score: s }) => ({
        url: p.record.url,
        title: p.record.title,
        excerpt: excerptOf(p.record.text || p.record.summary || '', terms),
        tags: p.record.tags,
        type: p.record.type,
        typeLabel: p.record.typeLabel,
        date: p.record.date,
        score: s,
      }));
      return { results, total: matches.length };
    },
  };
}
