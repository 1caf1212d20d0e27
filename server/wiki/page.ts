/** The shape of a page as the index holds it. */
import type { FieldProblem, PageMeta } from './schema.ts';
import type { PagePath, PageSlug, TagKey } from './paths.ts';
import type { ActionItem, Decision } from '../register/decisions.ts';

/** A link of a page with its resolution, as the index lists it (`index.linksOf(path)`). */
export interface PageLink {
  /** `wiki` for `[[Titre]]`, `relative` for a repository path or site address, `external` for http(s). */
  kind: 'wiki' | 'relative' | 'external';
  /** Title (wiki), repository path resolved against the page or site address `/…` (relative), URL (external). */
  target: string;
  /** The page it leads to, whoever may read it; the reader decides what a viewer may follow. */
  resolved: PagePath | undefined;
  /** True when it leads somewhere that is not a page: an attachment, a site address, an external URL. */
  file: boolean;
  /** True when it leads nowhere, for anyone (for a viewer, a `resolved` page they may not read is broken too). */
  broken: boolean;
}

/** One version of a page in the git history. */
export interface PageVersion {
  /** Commit id. */
  oid: string;
  /** Author name. */
  author: string;
  /** Author e-mail. */
  email: string;
  /** Commit time, ISO 8601. */
  date: string;
  /** First line of the commit message. */
  message: string;
}

/** A page of the wiki, parsed, with what is derived from it. */
export interface Page {
  /** File path in the content repository. */
  path: PagePath;
  /** Path without `.md`. */
  slug: PageSlug;
  /** Where the page is served, `/wiki/<address>`: its path, or its folder, permalink… (`index.addressOf`). */
  url: string;
  /** First folder (`ressources`), `''` at the root. */
  section: string;
  /** Front matter with defaults applied. */
  meta: PageMeta;
  /** Tag keys of `meta.tags`, same order. */
  tagKeys: TagKey[];
  /** Bytes of the file. */
  size: number;
  /** Git blob id of the file's text: how its text is read back (`index.pageSource`), from the file or from git. */
  blob: string;
  /** Plain-text start of the body (at most 160 characters), for lists and descriptions without a summary. */
  excerpt: string;
  /** A meeting page's decisions and actions, extracted when it was parsed: the register reads no text back for them. */
  meeting?: { decisions: Decision[]; actions: ActionItem[] } | undefined;
  /** Front matter problems; non-empty pages are listed on « Pages à corriger » and kept team-only. */
  problems: FieldProblem[];
  /** Address the page declares (`permalink:`, or `slug:` within its folder), for links written that way. */
  permalink?: string | undefined;
  /** Old addresses that lead to the page, as written (`redirect_from:`, and `aliases:` values with a `/`). */
  redirectsFrom: string[];
  /** Tags of `meta.tags` that come from `#tag` in the text, not the front matter (the editor leaves them in the text). */
  inlineTags: string[];
}
