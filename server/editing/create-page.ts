/** Creating a page: its path comes from its type and title, never from raw input. */
import type { Viewer } from '../access/viewer.ts';
import { pathToSlug, slugify, slugToUrl, type PagePath } from '../wiki/paths.ts';
import type { EditingService } from './editing-service.ts';
import { prepareNewPage, type NewPageInput } from './new-page.ts';
import { cleanSection, sectionForType, uniquePagePath } from './page-locations.ts';

/** Options of `createPage`. */
export interface CreatePageOptions extends NewPageInput {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who creates it (commit author). */
  viewer: Viewer;
  /** Folder instead of the type's one. */
  section?: string | undefined;
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
  const { author, source, subject: message } = await prepareNewPage({ deps, viewer, input: options });
  const section = options.section ? cleanSection(options.section) : sectionForType(type);
  const { value, oid } = await deps.commitAtHead(async () => {
      // Under the edit lock the working tree is the HEAD tree: a free file name is free in git too.
      const path = uniquePagePath({ dir: deps.dir, section, slug: slugify(title), taken: (p) => deps.index.get(p) !== undefined });
      return { commit: { changes: [{ path, content: source }], author, message }, value: path };
    });
  return { path: value, url: slugToUrl(pathToSlug(value)), version: oid };
}
