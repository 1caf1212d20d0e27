/**
 * « Vouliez-vous dire … ? »: spelling suggestions from the words of the wiki, one vocabulary per
 * audience (the public one is built from public pages only). Pages restricted to groups bring
 * no word: a suggestion must not reveal a word of a group's page to someone outside it.
 * Pagefind has no typo tolerance.
 */
import type { Audience as ReaderAudience } from '../access/policy.ts';
import type { Visibility } from '../wiki/schema.ts';
import { audiences, type RecordFollower, type SearchRecord } from './record.ts';
import { boundedDistance } from './distance.ts';
import { foldWord, stemFrench, tokenize } from './text.ts';
import { addToBuckets, emptyVocabulary, letterMask, loadVocabularies, saveVocabularies, type Entry, type Vocabulary } from './suggest-state.ts';

/** Options of `createSuggester`. */
export interface SuggesterOptions {
  /** A word seen only in page bodies is proposed once it occurs this many times (default 2). */
  minBodyCount?: number;
}

/** The suggester: fed with records, answers `suggest`. */
export interface Suggester extends RecordFollower {
  /**
   * A corrected query when some word of `query` appears nowhere the audience reads (not even as
   * another form of a known word) and one known word is clearly the closest; otherwise undefined.
   */
  suggest(query: string, audience: ReaderAudience | Visibility): { suggestion: string | undefined };
  /** Folded words that may be proposed to `audience` (for checks and tests). */
  vocabulary(audience: Visibility): string[];
}

interface Contribution {
  visibility: SearchRecord['visibility'];
  groups: readonly string[];
  words: Map<string, { title: number; body: number; display: string }>;
}

const minWordLength = 3;

/** The team's vocabulary holds every page without groups (public ones too); the public one, public pages. */
function inVocabulary(c: Pick<Contribution, 'visibility' | 'groups'>, audience: Visibility): boolean {
  return c.groups.length === 0 && (audience === 'equipe' || c.visibility === 'public');
}

/** Creates an empty suggester. */
export function createSuggester(options: SuggesterOptions = {}): Suggester {
  const minBodyCount = options.minBodyCount ?? 2;
  const contributions = new Map<string, Contribution>();
  // Records whose words are in a vocabulary taken back at start but not read yet: read only when
  // the page changes, to take its old words out.
  const unread = new Map<string, SearchRecord>();
  let vocab = {} as Record<Visibility, Vocabulary>;
  const reset = () => {
    for (const a of audiences) vocab[a] = emptyVocabulary();
  };
  reset();

  const proposable = (e: Entry) => e.title > 0 || e.body >= minBodyCount;
  const weight = (e: Entry) => e.title * 10 + e.body;

  function apply(contribution: Contribution, sign: 1 | -1): void {
    for (const audience of audiences) {
      if (!inVocabulary(contribution, audience)) continue;
      const { entries, byLength, stems } = vocab[audience];
      for (const [word, c] of contribution.words) {
        const stem = stemFrench(word);
        stems.set(stem, (stems.get(stem) ?? 0) + sign);
        if ((stems.get(stem) ?? 0) <= 0) stems.delete(stem);
        let entry = entries.get(word);
        if (!entry) {
          entry = { title: 0, body: 0, display: c.display };
          entries.set(word, entry);
          addToBuckets(byLength, word);
        }
        entry.title += sign * c.title;
        entry.body += sign * c.body;
        if (entry.title <= 0 && entry.body <= 0) {
          entries.delete(word);
          byLength.get(word.length)?.delete(word);
        }
      }
    }
  }

  const contributionOf = (record: SearchRecord): Contribution => ({ visibility: record.visibility, groups: record.groups ?? [], words: wordsOf(record) });

  function forget(url: string): void {
    const waiting = unread.get(url);
    const old = contributions.get(url) ?? (waiting ? contributionOf(waiting) : undefined);
    if (old) apply(old, -1);
    contributions.delete(url);
    unread.delete(url);
  }

  /**
   * The one known word clearly closest to `word`, or undefined when none is close or two are
   * equally plausible (« bole »: « rôle » or « pôle »? better say nothing than the wrong one).
   */
  function closest(word: string, audience: Visibility, name: boolean): Entry | undefined {
    // A capitalised word may be a name the audience cannot read: only a one-letter slip is fixed.
    const max = word.length <= 5 || name ? 1 : 2;
    const mask = letterMask(word);
    const found: Array<{ entry: Entry; distance: number }> = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const [candidate, candidateMask] of vocab[audience].byLength.get(length) ?? []) {
        // Each edit changes at most two letters of the letter set: a cheap filter before the DP.
        if (popCount(mask ^ candidateMask) > 2 * max) continue;
        const entry = vocab[audience].entries.get(candidate);
        if (!entry || !proposable(entry)) continue;
        const distance = boundedDistance(word, candidate, max);
        // Two edits away is only trusted for words of titles and tags, not any word of a body.
        if (distance > max || (distance === 2 && entry.title === 0)) continue;
        found.push({ entry, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || weight(b.entry) - weight(a.entry));
    const [best, second] = found;
    if (!best) return undefined;
    const clear = !second || second.distance > best.distance || weight(best.entry) >= 3 * weight(second.entry);
    return clear ? best.entry : undefined;
  }

  /** True when the word, or another form of it (plural, feminine…), occurs where the audience reads. */
  function isKnown(word: string, audience: Visibility): boolean {
    return vocab[audience].entries.has(word) || vocab[audience].stems.has(stemFrench(word));
  }

  function upsert(records: Iterable<SearchRecord>): void {
    for (const record of records) {
      forget(record.url);
      const contribution = contributionOf(record);
      contributions.set(record.url, contribution);
      apply(contribution, 1);
    }
  }

  return {
    setRecords(records) {
      contributions.clear();
      unread.clear();
      reset();
      upsert(records);
    },
    saveState: () => saveVocabularies(vocab),
    loadState(records, state) {
      const loaded = loadVocabularies(state);
      if (!loaded) return false;
      vocab = loaded;
      contributions.clear();
      unread.clear();
      for (const r of records) unread.set(r.url, r);
      return true;
    },
    upsert,
    remove(urls) {
      for (const url of urls) forget(url);
    },
    suggest(query, asked) {
      const audience = typeof asked === 'string' ? asked : asked.base;
      if (query.length > 200) return { suggestion: undefined }; // a search box, not a document
      let changed = false;
      // Words are replaced in place: the rest of the query (apostrophes, spaces) stays as typed.
      const fixed = query.replace(/[\p{L}\p{N}]+/gu, (typed) => {
        const word = foldWord(typed);
        // A word found anywhere the audience reads is never « corrected », however rare (a name).
        if (word.length < minWordLength || /^\d+$/.test(word) || isKnown(word, audience)) return typed;
        const better = closest(word, audience, /^\p{Lu}/u.test(typed));
        if (!better) return typed;
        changed = true;
        return better.display;
      });
      return { suggestion: changed ? fixed.trim() : undefined };
    },
    vocabulary(audience) {
      return [...vocab[audience].entries].filter(([, e]) => proposable(e)).map(([w]) => w);
    },
  };
}

/**
 * A word of its own. V8 makes a split piece of 13 characters or more a view into the string it was
 * cut from, so one long word kept per page (the words stay as long as the page) kept that page's
 * whole lowered text alive: about 3 MB per 1,000 pages.
 */
const own = (word: string): string => (word.length < 13 ? word : structuredClone(word));

/** Words a record brings: titles and tags weigh as `title`, body and summary as `body`. */
function wordsOf(record: SearchRecord): Contribution['words'] {
  const words: Contribution['words'] = new Map();
  const add = (text: string, field: 'title' | 'body') => {
    for (const display of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (display.length < minWordLength) continue;
      // Most words are plain ASCII: skip Unicode folding for them (5M words on a 10k-page wiki).
      const folded = /^[a-z0-9]+$/.test(display) ? [display] : tokenize(display);
      for (const word of folded) {
        if (word.length < minWordLength || /^\d+$/.test(word)) continue;
        const c = words.get(word);
        if (c) c[field] += 1;
        else words.set(own(word), { title: field === 'title' ? 1 : 0, body: field === 'body' ? 1 : 0, display: own(display) });
      }
    }
  };
  add([record.title, ...record.tags, ...(record.tagAliases ?? [])].join(' '), 'title');
  add(`${record.summary ?? ''} ${record.text}`, 'body');
  return words;
}

function popCount(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v !== 0; v &= v - 1) count += 1;
  return count;
}
