/** Everything the page view needs about one page: its rendering for the viewer and who wrote it. */
import type { Page } from '../../server/wiki/page.ts';
import type { RenderedMarkdown } from '../../server/markdown/render-markdown.ts';
import type { WikiReader } from '../../server/reading/wiki-reader.ts';

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

/** Renders the page for the viewer's audience and reads who wrote it. */
export async function viewPage(reader: WikiReader, page: Page): Promise<PageView> {
  const rendered = await reader.render(page);
  return {
    // The pipeline already left out a first heading repeating the title (rehype-drop-title).
    html: rendered.html,
    headings: rendered.headings,
    authors: reader.authors(page),
    updatedAt: reader.updatedAt(page),
  };
}
