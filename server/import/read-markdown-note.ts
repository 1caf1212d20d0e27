/** A HedgeDoc / CodiMD note downloaded as Markdown: one page, its front matter and `tags:` kept. */
import { WrongFileType } from './import-errors.ts';
import type { ParsedUpload } from './import-types.ts';
import { decodeText, readMarkdownDoc } from './markdown-doc.ts';

/** Reads a Markdown note into one document. */
export function readMarkdownNote(bytes: Uint8Array, fileName: string): ParsedUpload {
  const text = decodeText(bytes);
  if (text === undefined) throw new WrongFileType('Ce fichier n’est pas du texte Markdown (UTF-8) : téléchargez la note au format Markdown (.md) et envoyez ce fichier.');
  const doc = readMarkdownDoc({ source: fileName, folders: [], fallbackTitle: fileName.replace(/\.(md|markdown|txt)$/i, ''), text });
  return { format: 'markdown', docs: [doc], files: [], authors: [], skipped: [] };
}
