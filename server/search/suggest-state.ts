/** The suggester's vocabularies and their saved form (plain arrays), so a restart takes them back. */
import { z } from 'zod';
import type { Visibility } from '../wiki/schema.ts';
import { audiences } from './record.ts';

/** One known word of a vocabulary. */
export interface Entry {
  /** Occurrences in titles and tags (always proposable, weigh most). */
  title: number;
  /** Occurrences in bodies and summaries. */
  body: number;
  /** Display form (lower case, with accents) first seen. */
  display: string;
}

/** The words one audience reads. */
export interface Vocabulary {
  entries: Map<string, Entry>;
  /** Folded words by length, with their letter masks. */
  byLength: Map<number, Map<string, number>>;
  /** Occurrences of each stem, so that `réunions` counts as known when only `réunion` is written. */
  stems: Map<string, number>;
}

const VocabularyStateSchema = z.object({
  /** `[word, title, body, display]` of each entry. */
  entries: z.array(z.tuple([z.string(), z.number(), z.number(), z.string()])),
  /** `[stem, occurrences]`. */
  stems: z.array(z.tuple([z.string(), z.number()])),
});

/** The saved vocabularies, one per base audience. */
export const SuggesterStateSchema = z.object({ public: VocabularyStateSchema, equipe: VocabularyStateSchema });

/** An empty vocabulary. */
export function emptyVocabulary(): Vocabulary {
  return { entries: new Map(), byLength: new Map(), stems: new Map() };
}

/** Adds a word to the by-length buckets. */
export function addToBuckets(byLength: Vocabulary['byLength'], word: string): void {
  const bucket = byLength.get(word.length) ?? new Map<string, number>();
  bucket.set(word, letterMask(word));
  byLength.set(word.length, bucket);
}

/** The vocabularies as plain data. */
export function saveVocabularies(vocab: Record<Visibility, Vocabulary>): z.infer<typeof SuggesterStateSchema> {
  const one = (v: Vocabulary) => ({ entries: [...v.entries].map(([w, e]) => [w, e.title, e.body, e.display] as [string, number, number, string]), stems: [...v.stems] });
  return { public: one(vocab.public), equipe: one(vocab.equipe) };
}

/** The vocabularies back from plain data; undefined when it is not a saved state. */
export function loadVocabularies(state: unknown): Record<Visibility, Vocabulary> | undefined {
  const parsed = SuggesterStateSchema.safeParse(state);
  if (!parsed.success) return undefined;
  const vocab = {} as Record<Visibility, Vocabulary>;
  for (const audience of audiences) {
    const v = emptyVocabulary();
    for (const [word, title, body, display] of parsed.data[audience].entries) {
      v.entries.set(word, { title, body, display });
      addToBuckets(v.byLength, word);
    }
    v.stems = new Map(parsed.data[audience].stems);
    vocab[audience] = v;
  }
  return vocab;
}

/** Bit set of the letters a–z and digits (folded to 32 bits) present in a folded word. */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) % 32);
  return mask;
}
