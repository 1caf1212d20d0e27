/**
 * One page file turned into what the index keeps (the page and its links as extracted), the same
 * on the event loop and in the parse workers (`parse-pool.ts`): both call `pageFromText`.
 */
import { extractLinks, type RawLink } from './links.ts';
import { parsePageText } from './parse-page.ts';
import type { Page } from './page.ts';
import type { PagePath } from './paths.ts';
import type { RepoSettings } from './repo-settings.ts';
import { applyPostName } from './layouts/site-places.ts';
import { extractDecisions } from '../register/decisions.ts';
import { meetingTypes } from '../register/register.ts';
import { MAX_PAGE_BYTES, oversizedSource } from './page-sources.ts';

/** A page as the index keeps it. */
export interface ParsedPageFile {
  /** The parsed page. */
  page: Page;
  /** Links as extracted from its body. */
  raw: RawLink[];
}

/** The text to parse for a file of `size` bytes: `read()` for an ordinary page, never for one too large to show. */
export function pageText(path: PagePath, size: number, read: () => string | undefined): string | undefined {
  return size > MAX_PAGE_BYTES ? oversizedSource(path, size) : read();
}

/** Options of `pageFromText`. */
export interface PageFromTextOptions {
  /** Repository path. */
  path: PagePath;
  /** The file's text (`pageText`). */
  text: string;
  /** Bytes of the file on disk. */
  size: number;
  /** Repository settings the page is parsed with. */
  settings: RepoSettings;
}

/** Parses a page file's text as the index does (a too-large page keeps its title and a problem). */
export function pageFromText({ path, text, size, settings }: PageFromTextOptions): ParsedPageFile {
  const oversized = size > MAX_PAGE_BYTES;
  const parsed = parsePageText({ path, source: text, settings, ...(oversized ? { size } : {}) });
  const page = applyPostName(parsed.page);
  if (oversized) page.problems.push({ field: 'body', message: 'page trop volumineuse (plus de 5 Mo)' });
  // Kept with the page (and its snapshot): the home page's register would otherwise read back every meeting's text.
  if (meetingTypes.has(page.meta.type)) {
    const { title, tags, date } = page.meta;
    page.meeting = structuredClone(extractDecisions({ source: text, pagePath: path, pageTitle: title, tags, ...(date ? { date } : {}) }));
  }
  // The body is only read here, for the links: the page does not keep it (`index.pageSource`).
  // Fresh strings (see parsePageText): link targets are slices of the text, which would stay in memory with them.
  return { page, raw: structuredClone(extractLinks(parsed.body, { path })) };
}
