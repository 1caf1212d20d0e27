/** Server-side search for /recherche (no JavaScript needed), every result checked against visibility. */
import { tagKey, urlToSlug } from '../../server/wiki/paths.ts';
import { excerpt } from '../../server/wiki/plain-text.ts';
import type { Page } from '../../server/wiki/page.ts';
import { audienceOfLocals, canSee, type SiteLocals } from './visible.ts';

/** What the user asked. */
export interface SearchQuery {
  /** Words. */
  q: string;
  /** Tag label or key filter. */
  tag: string | undefined;
  /** Type filter. */
  type: string | undefined;
}

/** One result, ready to show. */
export interface SearchResult {
  /** The visible page. */
  page: Page;
  /** Excerpt HTML: everything escaped except `<mark>`. */
  excerptHtml: string;
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Keeps only `<mark>` from an excerpt whose origin we do not control. */
export function safeExcerpt(html: string): string {
  const decoded = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return escapeHtml(decoded).replace(/&lt;(\/?)mark&gt;/g, '<$1mark>');
}

/** Without words, the search lists the filtered pages with their summary. */
function browse(pages: Page[]): SearchResult[] {
  return pages.map((page) => ({ page, excerptHtml: escapeHtml(page.meta.summary ?? excerpt(page.body)) }));
}

/** Runs a search for the viewer; every result is checked against visibility once more. */
export function searchPages(locals: SiteLocals, visible: Page[], query: SearchQuery): { results: SearchResult[]; suggestion: string | undefined } {
  const tagFilter = query.tag ? tagKey(query.tag) : undefined;
  const byFilters = (p: Page) => (!tagFilter || locals.hub.index.hasTag(p, tagFilter)) && (!query.type || p.meta.type === query.type);
  if (!query.q.trim()) return { results: browse(visible.filter(byFilters)), suggestion: undefined };
  const answer = locals.hub.search.serverSearch({ query: query.q, audience: audienceOfLocals(locals), ...(query.tag ? { tags: [query.tag] } : {}), ...(query.type ? { types: [query.type] } : {}) });
  const results: SearchResult[] = [];
  for (const hit of answer.results) {
    const slug = hit.url.startsWith('/wiki/') ? urlToSlug(hit.url.slice('/wiki/'.length)) : undefined;
    const page = slug ? locals.hub.index.getBySlug(slug) : undefined;
    if (canSee(locals, page) && byFilters(page)) results.push({ page, excerptHtml: safeExcerpt(hit.excerpt) });
  }
  return { results, suggestion: answer.suggestion };
}
