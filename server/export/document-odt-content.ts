/**
 * The body of an OpenDocument text (content.xml) from an export document, written by hand: no
 * well-kept npm library writes ODF, and the subset a wiki page needs is small. Pure.
 */
import { closingLines, type Block, type Cell, type DocImage, type ExportDocument, type Inline, type RunStyle } from './document-model.ts';

/** What content.xml refers to that the package must hold. */
export interface OdtContent {
  /** The content.xml text. */
  xml: string;
  /** Pictures to store, by their path in the package. */
  pictures: Map<string, DocImage>;
}

const namespaces = [
  'office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"', 'style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"', 'table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"', 'fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xlink="http://www.w3.org/1999/xlink"', 'svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].map((n) => `xmlns:${n}`).join(' ');

/** The namespace declarations every ODF part of ours carries. */
export const odfNamespaces = namespaces;

// XML 1.0 forbids most control characters, even escaped.
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text with ODF's spacing: runs of spaces, tabs and line breaks are elements, not characters. */
function spaced(text: string): string {
  return escapeXml(text)
    .replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)
    .replace(/^ /, '<text:s/>')
    .replace(/\t/g, '<text:tab/>')
    .replace(/\n/g, '<text:line-break/>');
}

const styleName = (s: RunStyle): string => ['b', 'i', 's', 'c'].filter((_, i) => [s.bold, s.italic, s.strike, s.code][i]).join('');
const cm = (px: number): string => `${(px * 2.54 / 96).toFixed(3)}cm`;

/** Writes content.xml. */
export function writeOdtContent(doc: ExportDocument): OdtContent {
  const pictures = new Map<string, DocImage>();
  const runStyles = new Set<string>();
  let tables = 0;

  const inline = (runs: readonly Inline[]): string => runs.map((run) => {
    if (run.type === 'break') return '<text:line-break/>';
    if (run.type === 'link') return `<text:a xlink:type="simple" xlink:href="${escapeXml(run.href)}" text:style-name="Internet_20_link">${inline(run.children)}</text:a>`;
    if (run.type === 'image') {
      const name = `Pictures/image${pictures.size + 1}.${run.image.kind}`;
      pictures.set(name, run.image);
      return `<draw:frame draw:name="image${pictures.size}" text:anchor-type="as-char" svg:width="${cm(run.image.width)}" svg:height="${cm(run.image.height)}"><draw:image xlink:href="${name}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><svg:title>${escapeXml(run.image.alt)}</svg:title></draw:frame>`;
    }
    const name = styleName(run.style);
    if (!name) return spaced(run.text);
    runStyles.add(name);
    return `<text:span text:style-name="T_${name}">${spaced(run.text)}</text:span>`;
  }).join('');

  const para = (style: string, runs: readonly Inline[]): string => `<text:p text:style-name="${style}">${inline(runs)}</text:p>`;

  const blocks = (list: readonly Block[], quoted: boolean, inList = false): string => list.map((block) => {
    switch (block.type) {
      case 'heading':
        return `<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${inline(block.inlines)}</text:h>`;
      case 'paragraph':
        return para(quoted ? 'Quotations' : 'Text_20_body', block.inlines);
      case 'code':
        return `<text:p text:style-name="Preformatted_20_Text">${spaced(block.text)}</text:p>`;
      case 'rule':
        return '<text:p text:style-name="Horizontal_20_Line"/>';
      case 'quote':
        return blocks(block.blocks, true, inList);
      case 'list': {
        const items = block.items.map((item) => `<text:list-item>${item.length > 0 ? blocks(item, quoted, true) : '<text:p/>'}</text:list-item>`).join('');
        return `<text:list text:style-name="${block.ordered ? 'L_number' : 'L_bullet'}">${items}</text:list>`;
      }
      case 'table':
        // ODF lets a list item hold paragraphs and lists only: there, a table is one line per row.
        return inList ? block.rows.map((row) => para('Text_20_body', row.flatMap((c, i) => [...(i > 0 ? [{ type: 'text' as const, text: ' | ', style: {} }] : []), ...c.inlines]))).join('') : table(block.rows);
    }
  }).join('');

  const table = (rows: readonly Cell[][]): string => {
    const columns = Math.max(1, ...rows.map((r) => r.length));
    const body = rows.map((row) => `<table:table-row>${Array.from({ length: columns }, (_, i) =>
      `<table:table-cell table:style-name="Cell" office:value-type="string">${para(row[i]?.header ? 'Table_20_Heading' : 'Table_20_Contents', row[i]?.inlines ?? [])}</table:table-cell>`).join('')}</table:table-row>`).join('');
    return `<table:table table:name="Tableau${++tables}" table:style-name="Table"><table:table-column table:number-columns-repeated="${columns}"/>${body}</table:table>`;
  };

  const body = [
    para('Title', [{ type: 'text', text: doc.title, style: {} }]),
    blocks(doc.blocks, false),
    '<text:p text:style-name="Horizontal_20_Line"/>',
    ...closingLines(doc).map((line) => para('Credits', line)),
  ].join('');
  const automatic = [
    '<style:style style:name="Table" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>',
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #999999"/></style:style>',
    ...[...runStyles].map((name) => `<style:style style:name="T_${name}" style:family="text"><style:text-properties${name.includes('b') ? ' fo:font-weight="bold"' : ''}${name.includes('i') ? ' fo:font-style="italic"' : ''}${name.includes('s') ? ' style:text-line-through-style="solid"' : ''}${name.includes('c') ? ' style:font-name="Liberation Mono" fo:font-family="\'Liberation Mono\', monospace"' : ''}/></style:style>`),
  ].join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${namespaces} office:version="1.3"><office:automatic-styles>${automatic}</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  return { xml, pictures };
}
