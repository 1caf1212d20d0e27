/** Attachments: files stored in `<section>/<slug>.fichiers/`, committed, served to who may read the page. */
import { can, requireAllowed } from '../access/policy.ts';
import { PageNotFound } from '../errors.ts';
import { type Viewer } from '../access/viewer.ts';
import { isPagePath, type PagePath } from '../wiki/paths.ts';
import { readHead } from '../git/head.ts';
import { contentEntryExists, contentPath, listContentFolder, statContentFile } from '../git/content-files.ts';
import { quoteTitle } from './commit-message.ts';
import { UnsupportedFileType } from './edit-errors.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf, loadReadablePage, loadWritablePage } from './page-access.ts';
import { attachmentFolderOf, ownerPageOf } from './page-locations.ts';
import { extensionOf, numberedName, sanitizeAttachmentName } from './attachment-names.ts';
import { acceptedTypesLabel, detectFileType, typeOfExtension, type FileType } from './file-types.ts';
import { mayReadLinkedFile } from './linked-files.ts';

/** Largest attachment accepted. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attachment as the API shows it. */
export interface AttachmentInfo {
  /** File name. */
  name: string;
  /** Repository path. */
  path: string;
  /** URL it is served at. */
  url: string;
  /** Size in bytes. */
  size: number;
  /** MIME type it is served with. */
  type: string;
  /** Markdown to paste in the page (an image for raster images, a link otherwise). */
  markdown: string;
}

/** URL of a stored attachment: `/fichiers/<repository path>`. */
export function attachmentUrl(file: string): string {
  return '/fichiers/' + file.split('/').map(encodeURIComponent).join('/');
}

function infoOf(file: string, size: number): AttachmentInfo {
  const name = file.split('/').pop() ?? file;
  const type = typeOfExtension(extensionOf(name));
  const url = attachmentUrl(file);
  return { name, path: file, url, size, type: type.mime, markdown: type.inline ? `![${name}](${url})` : `[${name}](${url})` };
}

/** Checks, before the upload is read, that the viewer may attach files to the page; returns its path. */
export async function checkUpload({ deps, viewer, page }: { deps: EditingService; viewer: Viewer; page: string }): Promise<PagePath> {
  const stored = await loadWritablePage({ dir: deps.dir, head: await readHead(deps.dir), path: page, viewer });
  requireAllowed(viewer, can(viewer, 'file.upload'));
  return stored.path;
}

/** Options of `storeAttachment`. */
export interface StoreAttachmentOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who uploads (commit author). */
  viewer: Viewer;
  /** Page the file belongs to. */
  page: string;
  /** Original file name (decoded). */
  name: string;
  /** File content. */
  bytes: Uint8Array;
}

/** Stores and commits an uploaded file next to its page; the type comes from the bytes. */
export async function storeAttachment(options: StoreAttachmentOptions): Promise<AttachmentInfo> {
  const { deps, viewer, bytes } = options;
  const author = authorOf(viewer);
  requireAllowed(viewer, can(viewer, 'file.upload'));
  const type = detectFileType(bytes, extensionOf(options.name));
  if (!type) throw new UnsupportedFileType(`Type de fichier refusé : seuls les fichiers ${acceptedTypesLabel} sont acceptés.`);
  const wanted = sanitizeAttachmentName(options.name, type.ext);
  const { value } = await deps.commitAtHead(async (head) => {
      const stored = await loadWritablePage({ dir: deps.dir, head, path: options.page, viewer });
      const folder = attachmentFolderOf(stored.path);
      let name = wanted;
      // Never replace an existing file silently: a second upload gets its own name.
      for (let n = 2; await contentEntryExists(deps.dir, `${folder}/${name}`); n++) name = numberedName(wanted, n);
      const file = `${folder}/${name}`;
      const message = `Pièce jointe ${quoteTitle(name)} ajoutée à ${quoteTitle(stored.page.meta.title)}`;
      return { commit: { changes: [{ path: file, content: bytes }], author, message }, value: file };
    });
  return infoOf(value, bytes.length);
}

/** Attachments of a page the viewer may read. */
export async function listAttachments({ deps, viewer, page }: { deps: EditingService; viewer: Viewer; page: string }): Promise<{ page: PagePath; attachments: AttachmentInfo[] }> {
  const stored = await loadReadablePage({ dir: deps.dir, head: await readHead(deps.dir), path: page, viewer });
  const folder = attachmentFolderOf(stored.path);
  // A folder that is (or goes through) a symbolic link lists nothing: its files are not the wiki's.
  const files = await listContentFolder(deps.dir, folder);
  const out = files.filter((f) => !f.name.startsWith('.')).map((f) => infoOf(`${folder}/${f.name}`, f.size));
  return { page: stored.path, attachments: out.sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
}

/** A stored attachment the viewer may fetch. */
export interface ResolvedAttachment {
  /** Absolute file on disk. */
  file: string;
  /** File name. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** How it is served. */
  type: FileType;
}

/**
 * Finds an attachment by repository path if the viewer may read its page (an attachment left
 * by a deleted page is team-only); 404 otherwise, as if it did not exist.
 */
export async function resolveAttachment({ deps, viewer, file }: { deps: Pick<EditingService, 'dir' | 'index'>; viewer: Viewer; file: string }): Promise<ResolvedAttachment> {
  const missing = new PageNotFound('Fichier introuvable : il a peut-être été supprimé, ou il faut vous connecter pour le voir.');
  const owner = ownerPageOf(file);
  const name = file.split('/').pop() ?? '';
  if (owner) {
    if (name.startsWith('.') || !isPagePath(`${file}.md`)) throw missing;
    const page = deps.index.get(owner);
    const allowed = page ? can(viewer, 'page.read', page.meta) : can(viewer, 'team.read');
    if (!allowed) throw missing;
    // Any other file (an image next to its page, `.gitbook/assets/`…) is gated by the pages linking it.
  } else if (!mayReadLinkedFile({ index: deps.index, viewer, file })) throw missing;
  // No symbolic link, as the file or as a folder on the way: it must not lead outside the repository.
  const stat = await statContentFile(deps.dir, file);
  if (!stat) throw missing;
  return { file: await contentPath(deps.dir, file), name, size: stat.size, type: typeOfExtension(extensionOf(name)) };
}
