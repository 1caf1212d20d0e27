/** Which reader an upload goes to, decided by its name and checked against its bytes. */
import { WrongFileType } from './import-errors.ts';
import type { ParsedUpload } from './import-types.ts';
import { decodeText } from './markdown-doc.ts';
import { looksLikeZip, safeUnzip } from './safe-unzip.ts';
import { unzipExport } from './unzip-export.ts';

/** What « Importer » accepts, for messages and the file picker. */
export const acceptedImportLabel = 'export Etherpad (.etherpad), note Markdown (.md), archive Markdown (.zip), document Word (.docx) ou LibreOffice (.odt)';

function zipOrRefuse(bytes: Uint8Array, what: string): void {
  if (!looksLikeZip(bytes)) throw new WrongFileType(`Ce fichier n’est pas ${what} : son contenu ne correspond pas à son nom. Exportez-le à nouveau sans le renommer.`);
}

/** Reads an upload with the reader its extension names (loaded on demand: a pad needs no Word converter); the bytes must agree. */
export async function parseUpload(bytes: Uint8Array, fileName: string): Promise<ParsedUpload> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  switch (ext) {
    case 'etherpad': {
      const text = decodeText(bytes);
      if (text === undefined) throw new WrongFileType('Ce fichier n’est pas un export Etherpad : son contenu n’est pas du texte. Exportez le pad à nouveau au format « Etherpad ».');
      return (await import('./read-etherpad.ts')).readEtherpad(text, fileName);
    }
    case 'md':
    case 'markdown':
      return (await import('./read-markdown-note.ts')).readMarkdownNote(bytes, fileName);
    case 'zip':
      zipOrRefuse(bytes, 'une archive zip');
      return (await import('./read-markdown-zip.ts')).readMarkdownZip(await unzipExport(bytes));
    case 'docx':
      zipOrRefuse(bytes, 'un document Word (.docx)');
      return (await import('./read-docx.ts')).readDocx(bytes, await safeUnzip(bytes), fileName);
    case 'odt':
      zipOrRefuse(bytes, 'un document LibreOffice (.odt)');
      return (await import('./read-odt.ts')).readOdt(await safeUnzip(bytes), fileName);
    default:
      throw new WrongFileType(`Format non pris en charge : envoyez un ${acceptedImportLabel}.`);
  }
}
