/**
 * What the layout of a folder written for another generator means to the hub: where its content
 * starts, which folders hold no pages, its site title, its table of contents, section labels
 * and redirects. Detected from marker files (`markers.ts`) by `detect-layout.ts`.
 */
import type { Generator } from './markers.ts';

/** A section label and position from Docusaurus's `_category_.json`. */
export interface CategoryInfo {
  /** Title of the section. */
  label?: string | undefined;
  /** Position among its siblings (smaller first). */
  position?: number | undefined;
}

/** The layout of the content folder. */
export interface SiteLayout {
  /** Generators recognised, most specific first (empty: a plain folder of Markdown). */
  generators: Generator[];
  /** Content root (`docs`, `content`, a GitBook `root:`), not part of page addresses; `''` for none. */
  root: string;
  /** Folder whose sub-folders are the sommaire's sections: the root, or Docusaurus's `docs` (kept in its addresses). */
  sectionsUnder: string;
  /** Folders (repository paths) whose Markdown files are not pages (Hugo's `archetypes/`, `themes/`, `layouts/`). */
  ignored: string[];
  /** Markdown files that are the generator's own, not pages (GitBook's `SUMMARY.md`). */
  hiddenFiles: string[];
  /** Site title (Jekyll's `_config.yml` `title`), when the folder gives one. */
  title?: string | undefined;
  /** Repository paths of pages in GitBook `SUMMARY.md` order (the table of contents). */
  summary: string[];
  /** Section labels and positions by folder (repository path), from `_category_.json`. */
  categories: Map<string, CategoryInfo>;
  /** Redirects: old address (normalised, no leading `/`) → repository path of the page (`.gitbook.yaml`). */
  redirects: Map<string, string>;
}

/** The layout of a plain folder of Markdown: everything from the top, nothing ignored. */
export const plainLayout: SiteLayout = { generators: [], root: '', sectionsUnder: '', ignored: [], hiddenFiles: [], summary: [], categories: new Map(), redirects: new Map() };

/** True when a repository path lies inside `folder` (`''` holds everything). */
export function isInside(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}

/** True when the layout says this page path is not a page (under an ignored folder). */
export function isIgnoredPath(layout: SiteLayout, path: string): boolean {
  return layout.hiddenFiles.includes(path) || layout.ignored.some((folder) => isInside(path, folder));
}
