/** Everything the page view needs about one page, gathered with each optional hub part guarded. */
import { foldText } from '../../server/wiki/paths.ts';
import type { Page } from '../../server/wiki/page.ts';
import { extrasOf, safely, type Heading, type PageAuthor } from './hub-extras.ts';
import { audienceOfLocals, type SiteLocals } from './visible.ts';

/** The page as shown. */
export interface PageView {
  /** Sanitised HTML, or undefined when the Markdown pipeline is missing. */
  html: string | undefined;
  /** Headings for the table of contents. */
  headings: Heading[];
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
export async function viewPage(locals: SiteLocals, page: Page): Promise<PageView> {
  const extras = extrasOf(locals.hub);
  const audience = audienceOfLocals(locals);
  const render = extras.renderPage;
  const rendered = await safely(render && (() => render(page, audience)), undefined);
  const history = extras.history;
  const authors = await safely<PageAuthor[]>(history?.authorsOf && (() => history.authorsOf?.(page.path) ?? []), []);
  const versions = await safely(history?.historyOf && (() => history.historyOf?.(page.path) ?? []), []);
  return {
    html: rendered ? dropRepeatedTitle(rendered.html, page.meta.title) : undefined,
    headings: rendered?.headings ?? [],
    authors: authors.map((a) => a.name).filter((n) => n.trim().length > 0),
    updatedAt: versions[0]?.date,
  };
}
