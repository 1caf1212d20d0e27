/** The shape of a page as the index holds it. */
import type { FieldProblem, PageMeta } from './schema.ts';
import type { PagePath, PageSlug, TagKey } from './paths.ts';

/** A link found in a page body. */
export interface PageLink {
  /** `wiki` for `[[Titre]]`, `relative` for a link to another file, `external` for http(s). */
  kind: 'wiki' | 'relative' | 'external';
  /** The target as written (title for wiki links, href otherwise). */
  target: string;
  /** Path of the page it resolves to, if any. */
  resolved: PagePath | undefined;
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
  /** `/wiki/<slug>` */
  url: string;
  /** First folder (`ressources`), `''` at the root. */
  section: string;
  /** Front matter with defaults applied. */
  meta: PageMeta;
  /** Tag keys of `meta.tags`, same order. */
  tagKeys: TagKey[];
  /** Markdown body without front matter. */
  body: string;
  /** The whole file as stored. */
  source: string;
  /** Front matter problems; non-empty pages are listed on « Pages à corriger » and kept team-only. */
  problems: FieldProblem[];
  /** Links found in the body. */
  links: PageLink[];
}
