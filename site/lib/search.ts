/** Server-side search for /recherche: the hub's search when present, else a plain title/text scan. */
import { foldText, tagKey, urlToSlug } from '../../server/wiki/paths.ts';
import { excerpt, markdownToText } from '../../server/wiki/plain-text.ts';
import type { Page } from '../../server/wiki/page.ts';
import { extrasOf, safely } from './hub-extras.ts';
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

function scan(pages: Page[], q: string): SearchResult[] {
  const words = foldText(q).split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  if (words.length === 0) return pages.map((page) => ({ page, excerptHtml: escapeHtml(page.meta.summary ?? excerpt(page.body)) }));
  const scored: { page: Page; score: number; excerptHtml: string }[] = [];
  for (const page of pages) {
    const head = foldText(`${page.meta.title} ${page.meta.tags.join(' ')} ${page.meta.aliases.join(' ')}`);
    const text = markdownToText(page.body);
    const folded = foldText(text);
    let score = 0;
    for (const w of words) score += (head.includes(w) ? 5 : 0) + (folded.includes(w) ? 1 : 0);
    if (score === 0) continue;
    const at = Math.max(0, folded.indexOf(words[0] ?? '') - 60);
    const snippet = text.slice(at, at + 200).replace(/\s+/g, ' ');
    let html = escapeHtml(snippet);
    for (const w of words) html = html.replace(new RegExp(`(${w.replace(/[^a-z0-9]/g, '')})`, 'gi'), '<mark>$1</mark>');
    scored.push({ page, score, excerptHtml: `${at > 0 ? '… ' : ''}${html} …` });
  }
  return scored.sort((a, b) => b.score - a.score).map(({ page, excerptHtml }) => ({ page, excerptHtml }));
}

/** Runs a search for the viewer; every result is checked against visibility once more. */
export async function searchPages(locals: SiteLocals, visible: Page[], query: SearchQuery): Promise<{ results: SearchResult[]; suggestion: string | undefined }> {
  const search = extrasOf(locals.hub).search;
  const tagFilter = query.tag ? tagKey(query.tag) : undefined;
  const byFilters = (p: Page) => (!tagFilter || !!locals.hub?.index.hasTag(p, tagFilter)) && (!query.type || p.meta.type === query.type);
  const server = search?.serverSearch;
  const answer = await safely(
    server && query.q.trim() ? () => server({ query: query.q, audience: audienceOfLocals(locals), ...(query.tag ? { tags: [query.tag] } : {}), ...(query.type ? { types: [query.type] } : {}) }) : undefined,
    undefined,
  );
  if (!answer) return { results: scan(visible.filter(byFilters), query.q), suggestion: undefined };
  const results: SearchResult[] = [];
  for (const hit of answer.results) {
    const slug = hit.url.startsWith('/wiki/') ? urlToSlug(hit.url.slice('/wiki/'.length)) : undefined;
    const page = slug ? locals.hub?.index.getBySlug(slug) : undefined;
    if (canSee(locals, page) && byFilters(page)) results.push({ page, excerptHtml: safeExcerpt(hit.excerpt) });
  }
  return { results, suggestion: answer.suggestion };
}
