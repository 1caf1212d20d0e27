/** Creating a page: its path comes from its type and title, never from raw input. */
import type { Viewer } from '../auth/viewer.ts';
import { defaultVisibility, type Visibility } from '../wiki/schema.ts';
import { pathToSlug, slugify, slugToUrl, type PagePath } from '../wiki/paths.ts';
import { commitAtHead } from './commit-edit.ts';
import { cleanMessage, quoteTitle } from './commit-message.ts';
import type { EditingDeps } from './editing-deps.ts';
import { authorOf, requireSave } from './page-access.ts';
import { cleanSection, sectionForType, uniquePagePath } from './page-locations.ts';
import { buildPageSource } from './page-source.ts';
import { fillTemplate, readTemplate } from './page-templates.ts';

/** Options of `createPage`. */
export interface CreatePageOptions {
  /** Editing dependencies. */
  deps: EditingDeps;
  /** Who creates it (commit author). */
  viewer: Viewer;
  /** Title. */
  title: string;
  /** Page type (decides the folder and the default visibility). */
  type: string;
  /** Tags. */
  tags: readonly string[];
  /** Visibility; defaults by type (team-only unless the type is public by default). */
  visibility?: Visibility | undefined;
  /** Folder instead of the type's one. */
  section?: string | undefined;
  /** Summary. */
  summary?: string | undefined;
  /** Body; defaults to the template's. */
  body?: string | undefined;
  /** Template name; defaults to the type. */
  template?: string | undefined;
  /** Commit message. */
  message?: string | undefined;
}

/** What a creation answers. */
export interface CreatePageResult {
  /** Path of the new page. */
  path: PagePath;
  /** URL of the new page. */
  url: string;
  /** Commit that created it. */
  version: string | undefined;
}

/** Creates a page as a commit by the viewer, at a free path derived from type and title. */
export async function createPage(options: CreatePageOptions): Promise<CreatePageResult> {
  const { deps, viewer, title, type } = options;
  const author = authorOf(viewer);
  const visibility = options.visibility ?? defaultVisibility(type);
  requireSave(viewer, undefined, visibility);
  const template = await readTemplate({ dir: deps.dir, name: options.template ?? type });
  const date = deps.now().toISOString().slice(0, 10);
  const body = options.body ?? (template ? fillTemplate(template.body, { title, date }) : '');
  const tags = options.tags.length > 0 || !template ? options.tags : template.tags;
  const section = options.section ? cleanSection(options.section) : sectionForType(type);
  const source = buildPageSource({ fields: { title, type, tags, visibility, summary: options.summary }, body });
  const message = cleanMessage(options.message, `Création de ${quoteTitle(title)}`);
  const { value, oid } = await commitAtHead({
    deps,
    decide: async () => {
      // Under the edit lock the working tree is the HEAD tree: a free file name is free in git too.
      const path = uniquePagePath({ dir: deps.dir, section, slug: slugify(title), taken: (p) => deps.index.get(p) !== undefined });
      return { commit: { changes: [{ path, content: source }], author, message }, value: path };
    },
  });
  return { path: value, url: slugToUrl(pathToSlug(value)), version: oid };
}
