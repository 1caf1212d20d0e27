/** Copies into the export the attachments a visitor may fetch: those of public pages, nothing else. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { anonymous } from '../access/viewer.ts';
import { resolveAttachment } from '../editing/attachments.ts';
import { attachmentFolderOf } from '../editing/page-locations.ts';
import { listContentFolder, readContentFile } from '../git/content-files.ts';
import type { WikiIndex } from '../wiki/wiki-index.ts';
import type { Page } from '../wiki/page.ts';
import { outputFile } from './output-paths.ts';

/** Options of `copyPublicAttachments`. */
export interface CopyAttachmentsOptions {
  /** Content repository. */
  contentDir: string;
  /** Pages a visitor may read (`hub.forViewer(anonymous).pages()`): their folders are copied. */
  pages: readonly Page[];
  /** The wiki index (who owns which attachment). */
  index: WikiIndex;
  /** Export folder; files go to `<outDir>/fichiers/<repository path>`. */
  outDir: string;
  /** `/fichiers/…` addresses found in the exported pages. */
  linked: Iterable<string>;
}

/** Repository path of a `/fichiers/…` address, or undefined. */
function repoPathOf(address: string): string | undefined {
  try {
    return address.replace(/^\/fichiers\//, '').split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/** Copies every public attachment (linked or in a public page's folder); returns their count and bytes. */
export async function copyPublicAttachments(options: CopyAttachmentsOptions): Promise<{ files: number; bytes: number }> {
  const { contentDir, index, outDir } = options;
  const wanted = new Set<string>();
  for (const address of options.linked) {
    const file = repoPathOf(address);
    if (file) wanted.add(file);
  }
  for (const page of options.pages) {
    const folder = attachmentFolderOf(page.path);
    for (const e of await listContentFolder(contentDir, folder)) if (!e.name.startsWith('.')) wanted.add(`${folder}/${e.name}`);
  }
  let files = 0;
  let bytes = 0;
  for (const file of wanted) {
    // The same gate as `GET /fichiers/…` for a visitor: a team page's file is « not found ».
    const found = await resolveAttachment({ deps: { dir: contentDir, index }, viewer: anonymous, file }).catch(() => undefined);
    const target = found && outputFile(outDir, `/fichiers/${file.split('/').map(encodeURIComponent).join('/')}`, false);
    // Read through the content door again: copyFile would follow a link swapped in meanwhile.
    const content = found && target ? await readContentFile(contentDir, file) : undefined;
    if (!target || content === undefined) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    files++;
    bytes += content.length;
  }
  return { files, bytes };
}
