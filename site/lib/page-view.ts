/** Everything the page view needs about one page: its rendering for the viewer and who wrote it. */
import { foldText } from '../../server/wiki/paths.ts';
import type { Page } from '../../server/wiki/page.ts';
import type { RenderedMarkdown } from '../../server/markdown/render-markdown.ts';
import { audienceOfLocals, type SiteLocals } from './visible.ts';

/** The page as shown. */
export interface PageView {
  /** Sanitised HTML. */
  html: string;
  /** Headings for the table of contents. */
  headings: RenderedMarkdown['headings'];
  /** People who wrote it, most commits first. */
  authors: string[];
  /** Last commit time (ISO), when history is known. */
  updatedAt: string | undefined;
}

const leadingH1 = /^\s*<h1\b[^>]*>([\s\S]*?)<\/h1>\s*/i;

/** Drops a first `<h1>` repeating the title: the view shows the title itself. */
function dropRepeatedTitle(html: string, title: string): string {
  const m = leadingH1.exec(html);
  if (!m) return html;
  const text = (m[1] ?? '')
    .replace(/<a\b[^>]*heading-anchor[^>]*>[\s\S]*?<\/a>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .trim();
  return foldText(text) === foldText(title) ? html.slice(m[0].length) : html;
}

/** Renders the page for the viewer's audience and reads who wrote it. */
export function viewPage(locals: SiteLocals, page: Page): PageView {
  const rendered = locals.hub.renderPage(page, audienceOfLocals(locals));
  const authors = locals.hub.history.authorsOf(page.path);
  const versions = locals.hub.history.historyOf(page.path);
  return {
    html: dropRepeatedTitle(rendered.html, page.meta.title),
    headings: rendered.headings,
    authors: authors.map((a) => a.name).filter((n) => n.trim().length > 0),
    updatedAt: versions[0]?.date,
  };
}
