/** The no-JavaScript search (/recherche) for one viewer: every result checked against what they may read. */
import type { Audience } from '../access/policy.ts';
import type { ServerSearchAnswer } from '../search/search-service.ts';
import type { ServerSearchQuery } from '../search/server-search.ts';
import type { Page } from '../wiki/page.ts';
import type { SearchQuery, SearchResult } from './wiki-reader.ts';

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Keeps only `<mark>` from an excerpt whose origin we do not control. */
export function safeExcerpt(html: string): string {
  const decoded = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return escapeHtml(decoded).replace(/&lt;(\/?)mark&gt;/g, '<$1mark>');
}

/** Options of searchReadable. */
export interface SearchReadableOptions {
  /** What was asked. */
  query: SearchQuery;
  /** The viewer's audience (which index answers). */
  audience: Audience;
  /** The hub's server-side search. */
  search: { serverSearch(query: ServerSearchQuery): ServerSearchAnswer };
  /** Readable pages (the list shown without words). */
  pages(): Page[];
  /** A readable page by URL (kept from one query to the next: no map of every page per query). */
  pageByUrl(url: string): Page | undefined;
  /** A page by path if readable. */
  readable(page: Page | undefined): Page | undefined;
  /** Tag filter. */
  hasTag(page: Page, key: string): boolean;
}

/** Runs a search; without words it lists the filtered readable pages with their summary. */
export function searchReadable({ query, audience, search, pages, pageByUrl, readable, hasTag }: SearchReadableOptions): { results: SearchResult[]; suggestion: string | undefined } {
  const byFilters = (p: Page) => (!query.tag || hasTag(p, query.tag)) && (!query.type || p.meta.type === query.type);
  if (!query.q.trim()) {
    return { results: pages().filter(byFilters).map((page) => ({ page, excerptHtml: escapeHtml(page.meta.summary ?? page.excerpt) })), suggestion: undefined };
  }
  const answer = search.serverSearch({ query: query.q, audience, ...(query.tag ? { tags: [query.tag] } : {}), ...(query.type ? { types: [query.type] } : {}) });
  const results: SearchResult[] = [];
  for (const hit of answer.results) {
    const page = readable(pageByUrl(hit.url));
    if (page && byFilters(page)) results.push({ page, excerptHtml: safeExcerpt(hit.excerpt) });
  }
  return { results, suggestion: answer.suggestion };
}
