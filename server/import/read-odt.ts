/** A LibreOffice text document (.odt): `content.xml` read with an XML parser, then to Markdown. */
import { WrongFileType } from './import-errors.ts';
import { hastToMarkdown, takeLeadingTitle } from './html-to-markdown.ts';
import { importedPerson, type ImportedFile, type ParsedUpload } from './import-types.ts';
import { odfToHast } from './odf-to-hast.ts';
import { decode, parseXml, readOfficeMeta } from './office-meta.ts';

const notOdt = () => new WrongFileType('Ce fichier n’est pas un document LibreOffice Writer (.odt) : enregistrez-le au format « Texte ODF (.odt) » puis réessayez.');

/** Reads an .odt whose zip was already checked (`parts`: its inflated entries). */
export async function readOdt(parts: Map<string, Uint8Array>, fileName: string): Promise<ParsedUpload> {
  if (decode(parts.get('mimetype'))?.trim() !== 'application/vnd.oasis.opendocument.text') throw notOdt();
  const content = decode(parts.get('content.xml'));
  if (content === undefined) throw notOdt();
  const tree = odfToHast(parseXml(content, 'content.xml'));
  if (!tree) throw notOdt();
  const heading = takeLeadingTitle(tree);
  const meta = readOfficeMeta(decode(parts.get('meta.xml')), 'meta.xml');
  const files: ImportedFile[] = [...parts].filter(([name]) => name.startsWith('Pictures/')).map(([source, bytes]) => ({ source, bytes }));
  const body = await hastToMarkdown(tree);
  const title = heading ?? meta.title ?? fileName.replace(/\.odt$/i, '');
  return { format: 'odt', docs: [{ source: fileName, folders: [], title, body, tags: [], fields: {} }], files, authors: meta.authors.map((a) => importedPerson(a, 'odt')), skipped: [] };
}
