/**
 * Writes an export document as an OpenDocument text (.odt): the package by hand (mimetype first
 * and stored, manifest, content, styles, meta, pictures), zipped with fflate. Synchronous work:
 * it runs in the export worker (document-worker.ts).
 */
import { zipSync, type Zippable } from 'fflate';
import type { ExportDocument } from './document-model.ts';
import { escapeXml, odfNamespaces, writeOdtContent } from './document-odt-content.ts';

const MIME = 'application/vnd.oasis.opendocument.text';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const pictureMime: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' };

const paragraph = (name: string, display: string, props: string, text = '', parent = 'Standard', extra = ''): string =>
  `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="${parent}"${extra}><style:paragraph-properties ${props}/><style:text-properties ${text}/></style:style>`;

const headingSizes = ['130%', '115%', '101%', '95%', '85%', '85%'];

/** styles.xml: the named styles content.xml uses, so the document opens looking like a document. */
const stylesXml = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${odfNamespaces} office:version="1.3"><office:font-face-decls/><office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans', sans-serif" fo:font-size="11pt" fo:language="fr" fo:country="FR"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
${paragraph('Text_20_body', 'Text body', 'fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:line-height="115%"')}
${paragraph('Title', 'Title', 'fo:margin-bottom="0.4cm"', 'fo:font-size="24pt" fo:font-weight="bold"', 'Standard', ' style:class="chapter"')}
${headingSizes.map((size, i) => paragraph(`Heading_20_${i + 1}`, `Heading ${i + 1}`, 'fo:margin-top="0.42cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"', `fo:font-size="${size}" fo:font-weight="bold"`, 'Standard', ` style:default-outline-level="${i + 1}" style:class="text"`)).join('\n')}
${paragraph('Quotations', 'Quotations', 'fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0.25cm"', 'fo:font-style="italic"')}
${paragraph('Preformatted_20_Text', 'Preformatted Text', 'fo:margin-bottom="0.25cm" fo:background-color="#f2f2f2"', "style:font-name=\"Liberation Mono\" fo:font-family=\"'Liberation Mono', monospace\" fo:font-size=\"10pt\"")}
${paragraph('Horizontal_20_Line', 'Horizontal Line', 'fo:margin-bottom="0.3cm" fo:border-bottom="0.5pt solid #999999" fo:padding="0cm"', 'fo:font-size="6pt"')}
${paragraph('Table_20_Contents', 'Table Contents', '')}
${paragraph('Table_20_Heading', 'Table Heading', '', 'fo:font-weight="bold"', 'Table_20_Contents')}
${paragraph('Credits', 'Crédits', 'fo:margin-top="0.1cm"', 'fo:font-size="9pt" fo:color="#555555"')}
<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="#000080" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
<text:list-style style:name="L_bullet">${Array.from({ length: 10 }, (_, i) => `<text:list-level-style-bullet text:level="${i + 1}" text:bullet-char="${i % 2 ? '◦' : '•'}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.4cm" fo:margin-left="${(0.8 * (i + 1)).toFixed(1)}cm"/></style:list-level-properties></text:list-level-style-bullet>`).join('')}</text:list-style>
<text:list-style style:name="L_number">${Array.from({ length: 10 }, (_, i) => `<text:list-level-style-number text:level="${i + 1}" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.5cm" fo:margin-left="${(0.8 * (i + 1)).toFixed(1)}cm"/></style:list-level-properties></text:list-level-style-number>`).join('')}</text:list-style>
</office:styles><office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles></office:document-styles>`;

function metaXml(doc: ExportDocument): string {
  const creator = doc.authors.length > 0 ? `<dc:creator>${escapeXml(doc.authors.join(', '))}</dc:creator>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"><office:meta><meta:generator>Gare centrale</meta:generator><dc:title>${escapeXml(doc.title)}</dc:title>${creator}<dc:language>fr-FR</dc:language>${doc.license ? `<meta:user-defined meta:name="Licence">${escapeXml(doc.license)}</meta:user-defined>` : ''}</office:meta></office:document-meta>`;
}

function manifestXml(pictures: Iterable<string>): string {
  const entry = (path: string, type: string): string => `<manifest:file-entry manifest:full-path="${path}" manifest:media-type="${type}"/>`;
  const pics = [...pictures].map((p) => entry(p, pictureMime[p.split('.').pop() ?? ''] ?? 'application/octet-stream')).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">${entry('/', MIME)}${entry('content.xml', 'text/xml')}${entry('styles.xml', 'text/xml')}${entry('meta.xml', 'text/xml')}${pics}</manifest:manifest>`;
}

/** The .odt bytes of the document. */
export function writeOdt(doc: ExportDocument): Uint8Array {
  const content = writeOdtContent(doc);
  // ODF 1.3 §3.3: `mimetype` is the first entry, stored uncompressed, so tools can sniff the type.
  const entries: Zippable = {
    mimetype: [utf8(MIME), { level: 0 }],
    'META-INF/manifest.xml': utf8(manifestXml(content.pictures.keys())),
    'content.xml': utf8(content.xml),
    'styles.xml': utf8(stylesXml),
    'meta.xml': utf8(metaXml(doc)),
  };
  // Pictures are already compressed: storing them saves work for nothing lost.
  for (const [name, image] of content.pictures) entries[name] = [image.bytes, { level: 0 }];
  return zipSync(entries);
}
