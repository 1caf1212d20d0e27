/**
 * « Vouliez-vous dire… » for a missing page: visible pages whose title looks like what was asked.
 * The words of every readable page are indexed once per index version and audience
 * (`reader.remember`): a 404 then looks at the pages sharing a word or a 4-letter start with the
 * address, never at the whole wiki (at 100,000 pages a scan took hundreds of milliseconds per 404).
 */
import { foldText } from '../../server/wiki/paths.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';

const stopWords = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'a', 'au', 'aux', 'en', 'd', 'l', 'pour', 'sur', 'md', 'wiki']);

const collator = new Intl.Collator('fr');

function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !stopWords.has(w));
}

/** Each page's words, and the pages by word and by the first 4 letters of their words. */
interface SimilarIndex {
  own: Map<Page, string[]>;
  byWord: Map<string, Page[]>;
  byStart: Map<string, Page[]>;
}

function add(map: Map<string, Page[]>, key: string, page: Page): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [page]);
  else if (list.at(-1) !== page) list.push(page);
}

// A page object is replaced when its file changes: its words, folded once, serve every index
// version and audience after (folding was most of a rebuild: ~110 ms at 10,000 pages per commit).
const wordsOf = new WeakMap<Page, string[]>();

/** The page's own name only: its folder (`ressources/`) is shared by thousands of pages. */
function ownWords(page: Page): string[] {
  let own = wordsOf.get(page);
  if (own === undefined) wordsOf.set(page, (own = words(`${page.meta.title} ${page.meta.aliases.join(' ')} ${page.slug.slice(page.slug.lastIndexOf('/') + 1)}`)));
  return own;
}

function indexPages(pages: readonly Page[]): SimilarIndex {
  const index: SimilarIndex = { own: new Map(), byWord: new Map(), byStart: new Map() };
  for (const page of pages) {
    const own = ownWords(page);
    index.own.set(page, own);
    for (const w of own) {
      add(index.byWord, w, page);
      if (w.length >= 4) add(index.byStart, w.slice(0, 4), page);
    }
  }
  return index;
}

function score(asked: string[], own: string[]): number {
  let total = 0;
  for (const w of asked) {
    if (own.includes(w)) total += 3;
    else if (own.some((o) => (o.length >= 4 && w.startsWith(o.slice(0, 4))) || (w.length >= 4 && o.startsWith(w.slice(0, 4))))) total += 1;
  }
  return total;
}

/** The pages that can score: sharing a word, or a 4-letter start, with what was asked. */
function candidates(index: SimilarIndex, want: string[]): Set<Page> {
  const found = new Set<Page>();
  for (const w of want) {
    for (const page of index.byWord.get(w) ?? []) found.add(page);
    // A near match shares its first 4 letters with the word asked (and both are that long).
    if (w.length >= 4) for (const page of index.byStart.get(w.slice(0, 4)) ?? []) found.add(page);
  }
  return found;
}

/** Up to `limit` pages the reader may read whose title looks like `asked`. */
export function similarPages(reader: WikiReader, asked: string, limit = 5): Page[] {
  const want = words(asked);
  if (want.length === 0) return [];
  const index = reader.remember('similar-pages', () => indexPages(reader.pages()));
  return [...candidates(index, want)]
    .map((page) => ({ page, s: score(want, index.own.get(page) ?? []) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || collator.compare(a.page.meta.title, b.page.meta.title))
    .slice(0, limit)
    .map((x) => x.page);
}
