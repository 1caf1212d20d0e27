/**
 * A zip of Markdown as Notion, Outline or Docmost export it: each `.md` becomes a page, folders
 * become sub-folders (Notion's 32-hex ids dropped), the other files stay available as images
 * and attachments of the pages that use them.
 */
import { slugify } from '../wiki/paths.ts';
import { NothingToImport } from './import-errors.ts';
import type { ImportedDoc, ImportedFile, ParsedUpload, SkippedItem } from './import-types.ts';
import { decodeText, dropNotionId, readMarkdownDoc } from './markdown-doc.ts';

// macOS and Windows leave these in archives; they are not the export's content.
const junk = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)/;

/** Reads an unzipped Markdown export. */
export function readMarkdownZip(files: Map<string, Uint8Array>): ParsedUpload {
  const docs: ImportedDoc[] = [];
  const others: ImportedFile[] = [];
  const skipped: SkippedItem[] = [];
  const names = [...files.keys()].filter((n) => !junk.test(n)).sort((a, b) => a.localeCompare(b, 'fr'));
  // An export wrapped in one top folder (`Export-1234/…`) puts its pages at the section's root.
  const tops = new Set(names.map((n) => (n.includes('/') ? n.split('/')[0] : '')));
  const [onlyTop] = tops;
  const strip = tops.size === 1 && onlyTop !== '' && onlyTop !== undefined && !names.some((n) => n === `${onlyTop}.md`) ? `${onlyTop}/` : '';
  for (const name of names) {
    const bytes = files.get(name) as Uint8Array;
    const parts = name.slice(name.startsWith(strip) ? strip.length : 0).split('/');
    const file = parts.pop() ?? name;
    if (file.startsWith('.')) {
      skipped.push({ name, reason: 'Fichier caché : ignoré.' });
      continue;
    }
    if (!/\.(md|markdown)$/i.test(file)) {
      others.push({ source: name, bytes });
      continue;
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      skipped.push({ name, reason: 'Ce fichier .md n’est pas du texte UTF-8 : il n’a pas été importé.' });
      continue;
    }
    const folders = parts.map((p) => slugify(dropNotionId(p), 60));
    docs.push(readMarkdownDoc({ source: name, folders, fallbackTitle: dropNotionId(file.replace(/\.(md|markdown)$/i, '')), text }));
  }
  if (docs.length === 0) throw new NothingToImport('Cette archive ne contient aucun fichier Markdown (.md) : exportez l’espace au format « Markdown » puis envoyez le zip obtenu.');
  return { format: 'zip', docs, files: others, authors: [], skipped };
}
