/** A Word document (.docx) through mammoth (to HTML, images kept), then to Markdown. */
import mammoth from 'mammoth';
import { WrongFileType } from './import-errors.ts';
import { hastToMarkdown, parseHtml, takeLeadingTitle } from './html-to-markdown.ts';
import { importedPerson, type ImportedFile, type ParsedUpload } from './import-types.ts';
import { decode, readOfficeMeta } from './office-meta.ts';

const imageExtensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

/** Reads a .docx whose zip was already checked (`parts`: its inflated entries). */
export async function readDocx(bytes: Uint8Array, parts: Map<string, Uint8Array>, fileName: string): Promise<ParsedUpload> {
  if (!parts.has('word/document.xml')) throw new WrongFileType('Ce fichier n’est pas un document Word (.docx) : enregistrez-le au format « Document Word (.docx) » puis réessayez.');
  const files: ImportedFile[] = [];
  const skipped: ParsedUpload['skipped'] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Linked (not embedded) files would be read from the server's disk: never.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const ext = imageExtensions[image.contentType];
          if (!ext) {
            skipped.push({ name: `image (${image.contentType})`, reason: 'Format d’image non pris en charge : elle n’a pas été importée.' });
            return { src: '' };
          }
          const source = `image-${files.length + 1}.${ext}`;
          files.push({ source, bytes: new Uint8Array(await image.readAsArrayBuffer()) });
          return { src: source };
        }),
      },
    );
    html = result.value;
  } catch (error) {
    throw new WrongFileType('Ce document Word est illisible : ouvrez-le puis enregistrez-le à nouveau au format .docx.', { cause: error });
  }
  const tree = parseHtml(html);
  const heading = takeLeadingTitle(tree);
  const meta = readOfficeMeta(decode(parts.get('docProps/core.xml')), 'docProps/core.xml');
  const body = (await hastToMarkdown(tree)).replace(/!\[([^\]]*)\]\(\)/g, '');
  const title = heading ?? meta.title ?? fileName.replace(/\.docx$/i, '');
  return { format: 'docx', docs: [{ source: fileName, folders: [], title, body, tags: [], fields: {} }], files, authors: meta.authors.map((a) => importedPerson(a, 'docx')), skipped };
}
