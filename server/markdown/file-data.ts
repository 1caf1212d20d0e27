/**
 * What the Markdown plugins read from and write to `file.data`, declared once for every plugin.
 * No `node:` import: the editor preview loads the pipeline in the browser.
 */

/** Where a link leads, as the renderer needs it. */
export type LinkDestination =
  /** A page the reader may open. */
  | { kind: 'page'; url: string; title: string }
  /** A repository file that is not a page (attachment). */
  | { kind: 'file'; url: string }
  /** A site address that is no page (`/tags/x`): left as written, never broken. */
  | { kind: 'site' }
  /** Nothing, or a page this reader may not read: rendered as missing. */
  | { kind: 'missing' };

/** Finds where links lead; supplied by whoever knows the wiki (server index, editor preview). */
export interface LinkResolver {
  /** Resolves a `[[Titre]]` title, a repository path (resolved against the page) or a site address `/…`. */
  resolve(link: { kind: 'wiki' | 'relative'; target: string }): LinkDestination;
}

/** Kind of a link found in a page. */
export type LinkKind = 'wiki' | 'relative' | 'external';


/** A heading of the page, for the table of contents. */
export interface HeadingEntry {
  /** 1 to 6. */
  depth: number;
  /** Plain text of the heading. */
  text: string;
  /** Its `id` in the HTML (readable, accents folded: `prochaines-etapes`). */
  id: string;
}

/** A link found in a page. */
export interface LinkEntry {
  /** How the link was written. */
  kind: LinkKind;
  /** Wiki title, repository path (resolved against the page path when known) or absolute URL. */
  target: string;
  /** Where it leads, or undefined when the target does not exist. */
  url: string | undefined;
}

declare module 'vfile' {
  interface DataMap {
    /** Repository path of the page being rendered (`ressources/visio.md`), to resolve relative links. */
    pagePath: string;
    /** Link resolver; when absent links are left as written and never reported broken. */
    resolver: LinkResolver;
    /** Title of the page, shown by the page view: a first `<h1>` repeating it is dropped. */
    pageTitle: string;
    /** Headings in document order. */
    headings: HeadingEntry[];
    /** Links in document order. */
    links: LinkEntry[];
  }
}
