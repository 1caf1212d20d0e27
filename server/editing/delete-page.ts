/** Deleting a page (and, if asked, its attachment folder) as one commit; history keeps it. */
import type { Viewer } from '../access/viewer.ts';
import type { FileChange } from '../git/commit-queue.ts';
import { listContentFolder } from '../git/content-files.ts';
import type { PagePath } from '../wiki/paths.ts';
import { cleanMessage, quoteTitle } from './commit-message.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf, loadWritablePage } from './page-access.ts';
import { attachmentFolderOf } from './page-locations.ts';

/** Options of `deletePage`. */
export interface DeletePageOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who deletes (commit author). */
  viewer: Viewer;
  /** Page path. */
  path: string;
  /** `delete` also removes `<slug>.fichiers/`; `keep` leaves it (then only the team can fetch it). */
  attachments: 'keep' | 'delete';
  /** Commit message. */
  message?: string | undefined;
}

/** Files of a page's attachment folder (repository paths). */
export async function attachmentFilesOf(dir: string, page: PagePath): Promise<string[]> {
  const folder = attachmentFolderOf(page);
  const files = await listContentFolder(dir, folder);
  return files.filter((f) => !f.name.startsWith('.')).map((f) => `${folder}/${f.name}`);
}

/** Removes a page in a commit by the viewer. */
export async function deletePage(options: DeletePageOptions): Promise<{ path: PagePath; version: string | undefined; removedAttachments: number }> {
  const { deps, viewer } = options;
  const author = authorOf(viewer);
  const { value, oid } = await deps.commitAtHead(async (head) => {
      const stored = await loadWritablePage({ dir: deps.dir, head, path: options.path, viewer });
      const files = options.attachments === 'delete' ? await attachmentFilesOf(deps.dir, stored.path) : [];
      const changes: FileChange[] = [{ path: stored.path, delete: true }, ...files.map((f) => ({ path: f, delete: true as const }))];
      const message = cleanMessage(options.message, `Suppression de ${quoteTitle(stored.page.meta.title)}`);
      return { commit: { changes, author, message }, value: { path: stored.path, removedAttachments: files.length } };
    });
  return { ...value, version: oid };
}
