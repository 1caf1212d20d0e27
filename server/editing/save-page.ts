/** Saving an edited page: three-way merge with what was saved meanwhile, never a lost edit. */
import type { Viewer } from '../access/viewer.ts';
import { readFileAtCommit } from '../git/read-version.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { pathToSlug, slugToUrl, type PagePath } from '../wiki/paths.ts';
import { readAtHead } from '../git/head.ts';
import { cleanMessage, quoteTitle } from './commit-message.ts';
import type { EditingService } from './editing-service.ts';
import { mergeEdit, requireBaseVersion } from './merge-edit.ts';
import { authorOf, loadWritablePage, requireSave, toPagePath } from './page-access.ts';
import { buildPageSource, frontMatterOf, type EditedFields } from './page-source.ts';

/** Options of `savePage`. */
export interface SavePageOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who saves (commit author). */
  viewer: Viewer;
  /** Path of the existing page. */
  path: string;
  /** Edited front matter fields. */
  fields: EditedFields;
  /** Markdown body. */
  body: string;
  /** Commit the edit started from. */
  baseVersion: string;
  /** Commit message typed by the person (optional). */
  message?: string | undefined;
}

/** What a save answers. */
export interface SavePageResult {
  /** Page path. */
  path: PagePath;
  /** Page URL. */
  url: string;
  /** Commit of the saved version (the next `baseVersion`). */
  version: string | undefined;
  /** True when the edit was merged with a change saved meanwhile. */
  merged: boolean;
  /** False when the submitted page was identical to the stored one (no commit). */
  changed: boolean;
}

/** Where a page moved to when `path` is gone from HEAD (renamed meanwhile); `path` otherwise. */
async function followRenames(deps: EditingService, head: string | undefined, path: string): Promise<string> {
  let current = toPagePath(path);
  for (let hops = 0; hops < 10 && (await readAtHead(deps.dir, head, current)) === undefined; hops++) {
    const latest = deps.history.historyOf(current)[0];
    if (latest?.change !== 'renamed' || latest.from !== current) break;
    current = latest.path as PagePath;
  }
  return current;
}

/** The file as it was when the edit started, following a rename made since. */
async function baseSource(deps: EditingService, paths: readonly string[], baseVersion: string): Promise<string> {
  for (const path of new Set(paths)) {
    const atPath = await readFileAtCommit({ dir: deps.dir, oid: baseVersion, path }).catch(() => undefined);
    if (atPath !== undefined) return atPath;
  }
  const path = paths.at(-1) ?? '';
  const older = deps.history.historyOf(path).find((v) => v.oid === baseVersion && v.change !== 'deleted');
  const found = older ? await readFileAtCommit({ dir: deps.dir, oid: baseVersion, path: older.path }).catch(() => undefined) : undefined;
  // Unknown start: an empty base makes any difference with the current file a conflict to resolve.
  return found ?? '';
}

/** Saves an edited page as a commit by the viewer; overlapping concurrent edits throw SaveConflict. */
export async function savePage(options: SavePageOptions): Promise<SavePageResult> {
  const { deps, viewer, fields, body, baseVersion } = options;
  requireBaseVersion(baseVersion);
  const author = authorOf(viewer);
  const { value, oid, changed } = await deps.commitAtHead(async (head) => {
      const path = await followRenames(deps, head, options.path);
      const stored = await loadWritablePage({ dir: deps.dir, head, path, viewer });
      const mine = buildPageSource({ fields, body, keep: frontMatterOf(stored.source) });
      const { final, merged } = await mergeEdit({
        mine,
        theirs: stored.source,
        baseVersion,
        currentVersion: head,
        readBase: () => baseSource(deps, [toPagePath(options.path), stored.path], baseVersion),
        conflictMessage: 'La page a été modifiée pendant que vous l’éditiez, aux mêmes endroits. Rien n’a été enregistré : comparez les deux versions, gardez ce qu’il faut, puis enregistrez à nouveau.',
      });
      const after = parsePage({ path: stored.path, source: final, settings: stored.settings });
      requireSave(viewer, stored.page.meta, after.meta);
      const out = { path: stored.path, merged };
      if (final === stored.source) return { commit: undefined, value: out };
      const message = cleanMessage(options.message, `Modification de ${quoteTitle(after.meta.title)}`);
      return { commit: { changes: [{ path: stored.path, content: final }], author, message }, value: out };
    });
  return { path: value.path, url: slugToUrl(pathToSlug(value.path)), version: oid, merged: value.merged, changed };
}
