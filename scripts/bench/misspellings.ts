/**
 * How often a misspelt query still reaches the right page: 30 words taken from page titles, each
 * typed with one slip (a letter missing, doubled, two swapped, an accent missing), run the way
 * /recherche runs them (the query, then the confident correction when the query finds nothing).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readSearchRecords } from '../../server/search/page-records.ts';
import type { SearchRecord } from '../../server/search/record.ts';
import { createServerSearch } from '../../server/search/server-search.ts';
import { createSuggester } from '../../server/search/suggest.ts';
import { foldWord, tokenize } from '../../server/search/text.ts';
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';
import { generateCorpus } from './corpus.ts';

/** The four kinds of slip, in table order. */
export const slipKinds = ['lettre manquante', 'lettre doublée', 'lettres inversées', 'accent manquant'] as const;
/** One kind of slip. */
export type SlipKind = (typeof slipKinds)[number];

/** One line of the table. */
export interface SlipRow {
  kind: SlipKind;
  /** Misspellings tried. */
  tried: number;
  /** Reached a right page in the top 3 as typed, without any correction. */
  asTyped: number;
  /** Reached a right page in the top 3 the way /recherche answers (correction included). */
  reached: number;
  /** A few examples `typed → searched`. */
  examples: string[];
}

/** The slip of `kind` in `word` (display form), or undefined when the word cannot carry it. */
export function misspell(word: string, kind: SlipKind): string | undefined {
  const at = Math.floor(word.length / 2);
  if (kind === 'lettre manquante') return word.slice(0, at) + word.slice(at + 1);
  if (kind === 'lettre doublée') return word.slice(0, at) + word.charAt(at) + word.slice(at);
  if (kind === 'lettres inversées') return word.charAt(at) === word.charAt(at + 1) ? undefined : word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
  const plain = word.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  return plain === word ? undefined : plain;
}

/** Title words of 7+ letters carried by one title only, each with the pages whose title holds it. */
function targetWords(records: SearchRecord[]): Array<{ word: string; urls: Set<string> }> {
  const byWord = new Map<string, { word: string; urls: Set<string> }>();
  for (const r of records) {
    for (const display of r.title.toLowerCase().split(/[^\p{L}]+/u)) {
      const folded = tokenize(display).join('');
      if (folded.length < 7) continue;
      const entry = byWord.get(folded) ?? { word: display, urls: new Set<string>() };
      entry.urls.add(r.url);
      if (/[^a-z]/.test(display)) entry.word = display; // keep an accented form when one exists
      byWord.set(folded, entry);
    }
  }
  return [...byWord.values()].sort((a, b) => a.urls.size - b.urls.size || a.word.localeCompare(b.word, 'fr'));
}

/** Runs the 30 misspellings over `records` for `audience`. */
export function measureMisspellings(records: SearchRecord[], audience: 'public' | 'equipe' = 'equipe'): SlipRow[] {
  const suggester = createSuggester();
  const search = createServerSearch();
  suggester.setRecords(records);
  search.setRecords(records);
  const top3 = (q: string) => search.searchServerSide({ query: q, audience, limit: 3 }).results.map((r) => r.url);
  const answer = (q: string) => {
    const typed = top3(q);
    const suggestion = typed.length === 0 ? suggester.suggest(q, audience).suggestion : undefined;
    return { typed, shown: suggestion ? top3(suggestion) : typed, searched: suggestion ?? q };
  };
  const targets = targetWords(records.filter((r) => audience === 'equipe' || r.visibility === 'public'));
  const rows: SlipRow[] = slipKinds.map((kind) => ({ kind, tried: 0, asTyped: 0, reached: 0, examples: [] }));
  const quota: Record<SlipKind, number> = { 'lettre manquante': 8, 'lettre doublée': 8, 'lettres inversées': 7, 'accent manquant': 7 };
  const used = new Set<string>();
  // Accented words are the scarcest: they are picked first, the table keeps its order.
  for (const row of [...rows].reverse()) {
    for (const target of targets) {
      if (row.tried >= quota[row.kind]) break;
      const typed = misspell(target.word, row.kind);
      if (!typed || used.has(target.word) || (foldWord(typed) === foldWord(target.word) && row.kind !== 'accent manquant')) continue;
      used.add(target.word);
      const { typed: plain, shown, searched } = answer(typed);
      row.tried += 1;
      if (plain.some((u) => target.urls.has(u))) row.asTyped += 1;
      if (shown.some((u) => target.urls.has(u))) row.reached += 1;
      if (row.examples.length < 2) row.examples.push(`${typed} → ${searched}`);
    }
  }
  return rows;
}

/** Records of the wiki in `dir`, as the hub builds them. */
export async function recordsOf(dir: string): Promise<SearchRecord[]> {
  const index = createWikiIndex({ dir });
  await index.refresh();
  return readSearchRecords({ pages: index.all(), read: (p) => index.pageSource(p), aliases: index.aliases });
}

/** Tables for the sample wiki (`content/`) and a generated one of `count` pages. */
export async function benchMisspellings({ root, count }: { root: string; count: number }): Promise<Array<{ name: string; rows: SlipRow[] }>> {
  const generated = await generateCorpus(count);
  try {
    return [
      { name: 'wiki d’exemple (équipe)', rows: measureMisspellings(await recordsOf(path.join(root, 'content')), 'equipe') },
      { name: 'wiki d’exemple (public)', rows: measureMisspellings(await recordsOf(path.join(root, 'content')), 'public') },
      { name: `wiki généré de ${count} pages`, rows: measureMisspellings(await recordsOf(generated), 'equipe') },
    ];
  } finally {
    await rm(generated, { recursive: true, force: true });
  }
}

/** Share of `rows` that reached a right page in the top 3. */
export function reachedShare(rows: SlipRow[]): number {
  const tried = rows.reduce((n, r) => n + r.tried, 0);
  return tried === 0 ? 0 : rows.reduce((n, r) => n + r.reached, 0) / tried;
}

/** Prints the tables in Markdown. */
export function printMisspellings(tables: Array<{ name: string; rows: SlipRow[] }>): void {
  const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)} %`);
  console.log('\n## Recherche : fautes de frappe (bonne page dans les 3 premiers)\n');
  for (const { name, rows } of tables) {
    console.log(`### ${name}\n\n| Faute | Essais | Telle quelle | Avec correction | Exemples |\n|---|---:|---:|---:|---|`);
    for (const r of rows) console.log(`| ${r.kind} | ${r.tried} | ${pct(r.asTyped, r.tried)} | ${pct(r.reached, r.tried)} | ${r.examples.join(' ; ')} |`);
    const tried = rows.reduce((n, r) => n + r.tried, 0);
    console.log(`| **total** | ${tried} | ${pct(rows.reduce((n, r) => n + r.asTyped, 0), tried)} | ${pct(rows.reduce((n, r) => n + r.reached, 0), tried)} | |\n`);
  }
}
