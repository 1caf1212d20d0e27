/**
 * What the Markdown plugins read from and write to `file.data`, declared once for every plugin.
 * No `node:` import: the editor preview loads the pipeline in the browser.
 */

/** Finds the URL of a page or an attachment; supplied by whoever knows the wiki (server index, preview). */
export interface LinkResolver {
  /** Resolve a [[Titre]] wiki link target (title or alias, compare without case/accents) to a page URL, or undefined if missing. */
  wikiLink(title: string): { url: string; title: string } | undefined;
  /** Resolve a repository path (`ressources/visio.md`, `ressources/visio`, `ressources/plan.pdf`) to a URL, or undefined if missing. */
  repoPath(path: string): string | undefined;
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
    /** Headings in document order. */
    headings: HeadingEntry[];
    /** Links in document order. */
    links: LinkEntry[];
  }
}
