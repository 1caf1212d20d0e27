/**
 * Search without JavaScript (the /recherche page): Pagefind's Node API cannot query, so an
 * in-memory inverted index (MiniSearch) kept in step with the records, with the same folding and
 * light French stemmer; each query looks up its stems instead of scanning every page.
 */
import MiniSearch from 'minisearch';
import { audienceFor, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import { isReadableBy, type RecordFollower, type SearchRecord } from './record.ts';
import { foldWord, stemFrench, tokenize } from './text.ts';
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

type Match = { p: Prepared; score: number };
const before = (a: Match, b: Match): boolean => a.score > b.score || (a.score === b.score && a.p.order < b.p.order);

/**
 * The `limit` best matches, best first, kept as they are offered: a common word matches most of
 * the wiki and only a page of it is shown, so no list of every match is made.
 */
function topOf(limit: number) {
  const best: Match[] = [];
  let total = 0;
  return {
    offer(p: Prepared, score: number): void {
      total += 1;
      const last = best[limit - 1];
      if (last && !(score > last.score || (score === last.score && p.order < last.p.order))) return;
      const m = { p, score };
      let at = best.length;
      while (at > 0 && before(m, best[at - 1] as Match)) at--;
      best.splice(at, 0, m);
      if (best.length > limit) best.pop();
    },
    best: () => best,
    total: () => total,
  };
}

/** Stems whose scores are kept between queries (each map holds one score per matching page). */
const maxCachedStems = 512;

/** Creates an empty server-side search. */
export function createServerSearch(): ServerSearch {
  const prepared = new Map<string, Prepared>();
  let index = newIndex();
  // Score of every page matching a stem, by URL. Scoring a word most pages hold is MiniSearch's
  // whole cost of a query (about 8 ms per stem at 10,000 pages); queries mostly combine a few
  // common words, so each stem is scored once per state of the index. Any change empties it:
  // a stem's scores depend on every page (its rarity, the fields' average lengths).
  const stemScores = new Map<string, Map<Prepared, number>>();
  const scoresOf = (stem: string): Map<Prepared, number> => {
    let scores = stemScores.get(stem);
    if (scores) return scores;
    scores = new Map();
    for (const hit of index.search(stem, { boost, tokenize: (text) => [text], processTerm: (term) => term })) {
      const p = prepared.get(hit.id as string);
      if (p) scores.set(p, hit.score);
    }
    if (stemScores.size >= maxCachedStems) stemScores.delete(stemScores.keys().next().value as string);
    stemScores.set(stem, scores);
    return scores;
  };

  const prepare = (record: SearchRecord): string[] => {
    const allTags = [...record.tags, ...(record.tagAliases ?? [])];
    prepared.set(record.url, { record, tagKeys: new Set(allTags.map(tagKeyOf)), order: foldWord(record.title) });
    return allTags;
  };

  function upsert(records: Iterable<SearchRecord>): void {
    stemScores.clear();
    for (const record of records) {
      if (index.has(record.url)) index.discard(record.url);
      const allTags = prepare(record);
      index.add({ id: record.url, title: record.title, tags: allTags.join(' ; '), summary: record.summary ?? '', text: record.text });
    }
  }

  return {
    setRecords(records) {
      stemScores.clear();
      prepared.clear();
      index = newIndex();
      upsert(records);
    },
    upsert,
    remove(urls) {
      stemScores.clear();
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
        stemScores.clear();
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
      const kept = (p: Prepared | undefined): p is Prepared =>
        p !== undefined && isReadableBy(p.record, audience) && (types.size === 0 || types.has(p.record.type)) && wantedTags.every((t) => p.tagKeys.has(t));
      const top = topOf(q.limit ?? 20);
      if (terms.length === 0) {
        for (const p of prepared.values()) if (kept(p)) top.offer(p, 1);
      } else {
        // Every term must match: as MiniSearch's AND, the stems' scores summed, times their count.
        const [first, ...others] = terms.map(scoresOf).sort((a, b) => a.size - b.size) as [Map<Prepared, number>, ...Map<Prepared, number>[]];
        // forEach: no entry pair made per page, and pages are map keys (no lookup by URL).
        first.forEach((score, p) => {
          let sum = score;
          for (const other of others) sum += other.get(p) ?? Number.NaN;
          if (!Number.isNaN(sum) && kept(p)) top.offer(p, sum * terms.length);
        });
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
