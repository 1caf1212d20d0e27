/**
 * Typed, optional access to the parts of the hub that are built separately (history, search,
 * Markdown rendering, pads, register). The site shows nothing for a part that is missing.
 */
import type { Page, PageVersion } from '../../server/wiki/page.ts';
import type { Audience } from '../../server/auth/viewer.ts';

/** A heading of a rendered page, for the table of contents. */
export interface Heading {
  /** 1 to 6. */
  depth: number;
  /** Plain text. */
  text: string;
  /** Anchor id. */
  id: string;
}

/** What the Markdown pipeline gives back. */
export interface RenderedPage {
  /** Sanitised HTML. */
  html: string;
  /** Headings found in the body. */
  headings: Heading[];
}

/** A person who wrote in a page. */
export interface PageAuthor {
  /** Name. */
  name: string;
  /** E-mail (never shown). */
  email: string;
  /** Number of commits. */
  commits: number;
}

/** One commit of the recent changes. */
export interface RecentChange {
  /** Commit id. */
  oid: string;
  /** Author name. */
  author: string;
  /** ISO date. */
  date: string;
  /** First line of the message. */
  message: string;
  /** Files touched. */
  paths: { path: string; change: 'added' | 'modified' | 'deleted' | 'renamed' }[];
}

/** One search hit as rendered by the server. */
export interface SearchHit {
  /** Page URL. */
  url: string;
  /** Page title. */
  title: string;
  /** Excerpt, may hold `<mark>`: escaped by us before display. */
  excerpt: string;
  /** Tags. */
  tags: string[];
  /** Type key. */
  type: string;
}

type MaybePromise<T> = T | Promise<T>;

/** The optional hub parts, as the site expects them. */
export interface HubExtras {
  /** Markdown → sanitised HTML. */
  renderPage?: (page: Page, audience: Audience) => MaybePromise<RenderedPage>;
  /** Git history of the content repository. */
  history?: {
    historyOf?: (path: string) => MaybePromise<PageVersion[]>;
    authorsOf?: (path: string) => MaybePromise<PageAuthor[]>;
    recentChanges?: (options: { limit: number; include?: (path: string) => boolean }) => MaybePromise<RecentChange[]>;
  };
  /** Full-text search. */
  search?: {
    prefixFor?: (audience: Audience) => string;
    serverSearch?: (options: {
      query: string;
      audience: Audience;
      tags?: string[];
      types?: string[];
    }) => MaybePromise<{ results: SearchHit[]; suggestion?: string | undefined }>;
  };
  /** Live pads (shape not fixed yet: only its presence is used). */
  pads?: unknown;
  /** Decision register (shape not fixed yet: only its presence is used). */
  register?: unknown;
}

/** The optional parts of a hub. */
export function extrasOf(hub: unknown): HubExtras {
  return (hub ?? {}) as HubExtras;
}

/** Calls `fn`, returning `fallback` if the part is missing or fails (a broken part must not take the page down). */
export async function safely<T>(fn: (() => MaybePromise<T>) | undefined, fallback: T): Promise<T> {
  if (!fn) return fallback;
  try {
    return await fn();
  } catch (error) {
    console.error('[site] une partie du hub a échoué', error);
    return fallback;
  }
}
