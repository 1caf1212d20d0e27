/**
 * Search without JavaScript (the /recherche page): Pagefind's Node API cannot query, so an
 * in-memory inverted index (MiniSearch) kept in step with the records, with the same folding and
 * light French stemmer; each query looks up its stems instead of scanning every page.
 */
import MiniSearch from 'minisearch';
import { audienceFor, audienceReads, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import type { RecordFollower, SearchRecord } from './record.ts';
import { foldWord, stemFrench, tokenize } from './text.ts';
import { excerptOf } from './excerpt.ts';
import { createStemScores, topOf, type StemScores } from './stem-scores.ts';

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
  // Who may read it, in the form the policy asks: made once, not per page per query.
  access: { visibility: Visibility; groups: readonly string[] };
  tagKeys: Set<string>;
  // Folded title, compared as a plain string: collating thousands of tied hits cost most of a query.
  order: string;
}

/** What MiniSearch indexes of a record (the record itself stays in `prepared`). */
interface IndexedFields {
  id: string;
  title: string;
  tags: string;
  summary: string;
  text: string;
}

const stopWords = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'ou', 'en', 'au', 'aux', 'a', 'l', 'd', 'pour', 'par', 'sur', 'dans', 'avec']);

/** Stems of the meaningful words of a query (stop words dropped unless nothing else is left). */
export function queryStems(query: string): string[] {
  const words = tokenize(query);
  const kept = words.filter((w) => !stopWords.has(w));
  return [...new Set((kept.length > 0 ? kept : words).map(stemFrench))];
}

function tagKeyOf(tag: string): string {
  return tokenize(tag).join('-');
}

// Title > tags > summary > body, as the browser search weighs them.
const boost = { title: 10, tags: 5, summary: 2 };

const indexOptions = { fields: ['title', 'tags', 'summary', 'text'], tokenize, processTerm: stemFrench };

function newIndex(): MiniSearch<IndexedFields> {
  return new MiniSearch<IndexedFields>(indexOptions);
}

/** Creates an empty server-side search. */
export function createServerSearch(): ServerSearch {
  const prepared = new Map<string, Prepared>();
  let index = newIndex();
  // Each stem scored once per state of the index (see stem-scores.ts); any change empties it.
  const stems = createStemScores<Prepared>({
    score: (stem) => index.search(stem, { boost, tokenize: (text) => [text], processTerm: (term) => term }).map((hit) => ({ id: hit.id as string, score: hit.score })),
    page: (url) => prepared.get(url),
  });
  const forget = (): void => stems.clear();

  const prepare = (record: SearchRecord): string[] => {
    const allTags = [...record.tags, ...(record.tagAliases ?? [])];
    prepared.set(record.url, { record, access: { visibility: record.visibility, groups: record.groups ?? [] }, tagKeys: new Set(allTags.map(tagKeyOf)), order: foldWord(record.title) });
    return allTags;
  };

  function upsert(records: Iterable<SearchRecord>): void {
    forget();
    for (const record of records) {
      if (index.has(record.url)) index.discard(record.url);
      const allTags = prepare(record);
      index.add({ id: record.url, title: record.title, tags: allTags.join(' ; '), summary: record.summary ?? '', text: record.text });
    }
  }

  return {
    setRecords(records) {
      forget();
      prepared.clear();
      index = newIndex();
      upsert(records);
    },
    upsert,
    remove(urls) {
      forget();
      for (const url of urls) {
        if (index.has(url)) index.discard(url);
        prepared.delete(url);
      }
    },
    // MiniSearch's own serialisation: loading it is an order of magnitude quicker than indexing.
    saveState: () => index.toJSON(),
    loadState(records, state) {
      try {
        const loaded = MiniSearch.loadJS<IndexedFields>(state as Parameters<typeof MiniSearch.loadJS>[0], indexOptions);
        if (loaded.documentCount !== records.length || !records.every((r) => loaded.has(r.url))) return false;
        index = loaded;
        forget();
        prepared.clear();
        for (const record of records) prepare(record);
        return true;
      } catch {
        return false; // another MiniSearch version, or a damaged file: indexed from the records
      }
    },
    searchServerSide(q) {
      const terms = queryStems(q.query);
      const wantedTags = (q.tags ?? []).map(tagKeyOf);
      const types = new Set(q.types ?? []);
      if (terms.length === 0 && wantedTags.length === 0 && types.size === 0) return { results: [], total: 0 };
      const audience = typeof q.audience === 'string' ? audienceFor(q.audience) : q.audience;
      const filtered = (p: Prepared): boolean => (types.size === 0 || types.has(p.record.type)) && (wantedTags.length === 0 || wantedTags.every((t) => p.tagKeys.has(t)));
      const kept = (p: Prepared): boolean => audienceReads(audience, p.access) && filtered(p);
      const top = topOf<Prepared>(q.limit ?? 20);
      if (terms.length === 0) {
        for (const p of prepared.values()) if (kept(p)) top.offer(p, 1);
      } else {
        // Every term must match: as MiniSearch's AND, the stems' scores summed, times their count.
        const [first, ...others] = terms.map((stem) => stems.readable(stem, audience)).sort((a, b) => a.pages.length - b.pages.length) as [StemScores<Prepared>, ...StemScores<Prepared>[]];
        // The rarest stem's pages in a plain loop; the others looked up by page (no lookup by URL).
        for (let i = 0; i < first.pages.length; i++) {
          const p = first.pages[i] as Prepared;
          let sum = first.scores[i] as number;
          for (const other of others) sum += other.of.get(p) ?? Number.NaN;
          if (!Number.isNaN(sum) && filtered(p)) top.offer(p, sum * terms.length);
        }
      }
      const seen = new Map<string, boolean>();
      const results = top.best().map(({ p, score: s }) => ({
        url: p.record.url,
        title: p.record.title,
        excerpt: excerptOf(p.record.text || p.record.summary || '', terms, 30, seen),
        tags: p.record.tags,
        type: p.record.type,
        typeLabel: p.record.typeLabel,
        date: p.record.date,
        score: s,
      }));
      return { results, total: top.total() };
    },
  };
}
