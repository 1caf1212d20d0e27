/**
 * What keeps a /recherche miss cheap at 10,000 pages: each stem scored once per state of the
 * index, and the best results kept as they are offered. Scoring a word most pages hold is
 * MiniSearch's whole cost of a query (about 8 ms per stem); queries mostly combine a few common
 * words. A stem's scores depend on every page (its rarity, the fields' average lengths): any
 * change to the records empties the cache (`clear`).
 */
import { audienceReads, type Audience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';

/** A page as the scores know it: who may read it, and its title folded for ties. */
export interface ScoredPage {
  /** Who may read it, in the form the policy asks (made once, not per page per query). */
  access: { visibility: Visibility; groups: readonly string[] };
  /** Folded title: ties are ordered by it as a plain string. */
  order: string;
}

/** The pages matching one stem and their scores, as a list and by page. */
export interface StemScores<P> {
  pages: P[];
  scores: number[];
  of: Map<P, number>;
}

/** Options of createStemScores. */
export interface StemScoresOptions<P> {
  /** Every page holding the stem, with its score (MiniSearch's, for that one term). */
  score(stem: string): { id: string; score: number }[];
  /** The page of an id. */
  page(id: string): P | undefined;
  /** Stems kept (default 512), the oldest dropped first; as many per audience. */
  max?: number;
}

const empty = <P>(): StemScores<P> => ({ pages: [], scores: [], of: new Map() });

/** Creates the cache: `readable(stem, audience)` gives the stem's pages that audience reads. */
export function createStemScores<P extends ScoredPage>({ score, page, max = 512 }: StemScoresOptions<P>) {
  const all = new Map<string, StemScores<P>>();
  const readable = new Map<string, StemScores<P>>();
  const keep = (cache: Map<string, StemScores<P>>, key: string, scores: StemScores<P>) => {
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, scores);
    return scores;
  };
  const scoresOf = (stem: string): StemScores<P> => {
    const known = all.get(stem);
    if (known) return known;
    const made = empty<P>();
    for (const hit of score(stem)) {
      const p = page(hit.id);
      if (!p) continue;
      made.pages.push(p);
      made.scores.push(hit.score);
      made.of.set(p, hit.score);
    }
    return keep(all, stem, made);
  };
  return {
    /** The stem's pages `audience` may read, with their scores: a visitor's query walks only public pages. */
    readable(stem: string, audience: Audience): StemScores<P> {
      const key = `${audience.key}\u0000${stem}`;
      const known = readable.get(key);
      if (known) return known;
      const every = scoresOf(stem);
      const made = empty<P>();
      every.pages.forEach((p, i) => {
        if (!audienceReads(audience, p.access)) return;
        made.pages.push(p);
        made.scores.push(every.scores[i] as number);
        made.of.set(p, every.scores[i] as number);
      });
      return keep(readable, key, made);
    },
    /** Forgets every score (the records changed). */
    clear(): void {
      all.clear();
      readable.clear();
    },
  };
}

/** A match: a page and its score. */
export interface Match<P> {
  p: P;
  score: number;
}

const before = <P extends ScoredPage>(a: Match<P>, b: Match<P>): boolean => a.score > b.score || (a.score === b.score && a.p.order < b.p.order);

/**
 * The `limit` best matches, best first, kept as they are offered: a common word matches most of
 * the wiki and only a page of it is shown, so no list of every match is made.
 */
export function topOf<P extends ScoredPage>(limit: number) {
  const best: Match<P>[] = [];
  let total = 0;
  return {
    /** Counts a match, and keeps it if it is among the best so far. */
    offer(p: P, score: number): void {
      total += 1;
      const m = { p, score };
      const last = best[limit - 1];
      if (last && !before(m, last)) return;
      let at = best.length;
      while (at > 0 && before(m, best[at - 1] as Match<P>)) at--;
      best.splice(at, 0, m);
      if (best.length > limit) best.pop();
    },
    /** The best matches, best first. */
    best: (): Match<P>[] => best,
    /** Every match offered. */
    total: (): number => total,
  };
}
