/**
 * A section (top-level folder) as a zip of its Markdown pages and their attachments, with only
 * what the viewer may read: pages through `reader.pages()`, files through `reader.attachment()`.
 */
import fs from 'node:fs';
import { PageNotFound, PayloadTooLarge } from '../errors.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import { zip, type AsyncZippable } from 'fflate';

/** Largest total of files one section zip holds; past it the zip is refused rather than cut. */
export const MAX_SECTION_BYTES = 200 * 1024 * 1024;

/** Options of `buildSectionZip`. */
export interface SectionZipOptions {
  /** The viewer's reader: the only way in. */
  reader: WikiReader;
  /** Section name as in the URL (`ressources`). */
  section: string;
}

// Windows and macOS refuse these in names; control characters confuse every unzip tool.
const unsafeChars = /[\u0000-\u001f\u007f<>:"\\|?*]/g;

/** A repository path made safe as a zip entry: no climbing, no absolute path, no odd characters. */
export function safeEntryName(path: string): string | undefined {
  const parts = path.split('/').map((part) => part.replace(unsafeChars, '_').replace(/[. ]+$/, '')).filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** Zips entries off the event loop (fflate's async zip compresses in worker threads). */
function zipAsync(entries: AsyncZippable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => zip(entries, { level: 6 }, (error, data) => (error ? reject(new Error('Archive impossible à écrire.', { cause: error })) : resolve(data))));
}

/** The zip of a readable section; a section the viewer cannot read answers like a missing one. */
export async function buildSectionZip({ reader, section }: SectionZipOptions): Promise<Uint8Array> {
  const pages = section === '' ? [] : reader.pages().filter((p) => p.section === section);
  if (pages.length === 0) throw new PageNotFound('Cette rubrique n’existe pas (ou plus).');
  const entries: AsyncZippable = {};
  let total = 0;
  const add = (path: string, bytes: Uint8Array) => {
    const name = safeEntryName(path);
    if (!name || name in entries) return;
    total += bytes.length;
    if (total > MAX_SECTION_BYTES) throw new PayloadTooLarge(`Rubrique trop volumineuse pour un seul zip (plus de ${MAX_SECTION_BYTES / 1024 / 1024} Mo) : téléchargez les pages une à une, ou demandez une copie du dépôt à un·e administrateur·ice.`);
    entries[name] = bytes;
  };
  for (const page of pages.sort((a, b) => a.path.localeCompare(b.path))) {
    const text = await reader.pageSource(page);
    if (text === undefined) continue;
    add(page.path, new TextEncoder().encode(text.source));
    const { attachments } = await reader.attachments(page.path).catch(() => ({ attachments: [] }));
    for (const info of attachments) {
      const found = await reader.attachment(info.path).catch(() => undefined);
      if (!found) continue;
      add(info.path, await readNoFollow(found.file));
    }
  }
  return zipAsync(entries);
}

/** Reads a file the reader resolved; O_NOFOLLOW: a link swapped in after the check is not followed. */
export async function readNoFollow(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}
