/** « Vouliez-vous dire… » for a missing page: visible pages whose title looks like what was asked. */
import { foldText } from '../../server/wiki/paths.ts';
import type { Page } from '../../server/wiki/page.ts';

const stopWords = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'a', 'au', 'aux', 'en', 'd', 'l', 'pour', 'sur', 'md', 'wiki']);

function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !stopWords.has(w));
}

function score(asked: string[], page: Page): number {
  const own = words(`${page.meta.title} ${page.meta.aliases.join(' ')} ${page.slug}`);
  let total = 0;
  for (const w of asked) {
    if (own.includes(w)) total += 3;
    else if (own.some((o) => (o.length >= 4 && w.startsWith(o.slice(0, 4))) || (w.length >= 4 && o.startsWith(w.slice(0, 4))))) total += 1;
  }
  return total;
}

/** Up to `limit` pages (taken from `pages`, already filtered for the viewer) similar to `asked`. */
export function similarPages(pages: Page[], asked: string, limit = 5): Page[] {
  const want = words(asked);
  if (want.length === 0) return [];
  return pages
    .map((page) => ({ page, s: score(want, page) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.page.meta.title.localeCompare(b.page.meta.title, 'fr'))
    .slice(0, limit)
    .map((x) => x.page);
}
