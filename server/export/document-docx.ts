/** Writes an export document as a Word file (.docx) with the `docx` library. */
import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph,
  ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import { closingLines, type Block, type Cell, type ExportDocument, type Inline, type RunStyle } from './document-model.ts';

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
/** 96 dpi pixels the `docx` library takes for image sizes. */
const pixels = (n: number): number => Math.max(1, Math.round(n));

function runOf(text: string, style: RunStyle, link = false): TextRun {
  return new TextRun({
    text,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italics: true } : {}),
    ...(style.strike ? { strike: true } : {}),
    ...(style.code ? { font: 'Courier New' } : {}),
    ...(link ? { style: 'Hyperlink' } : {}),
  });
}

function children(inlines: readonly Inline[], link = false): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    if (inline.type === 'text') return [runOf(inline.text, inline.style, link)];
    if (inline.type === 'break') return [new TextRun({ break: 1 })];
    if (inline.type === 'link') return [new ExternalHyperlink({ link: inline.href, children: children(inline.children, true) })];
    const { image } = inline;
    return [new ImageRun({ type: image.kind, data: image.bytes, transformation: { width: pixels(image.width), height: pixels(image.height) }, altText: { name: image.alt, description: image.alt, title: image.alt } })];
  });
}

/** Paragraph options shared by blocks inside lists and quotes. */
interface Context {
  /** List nesting (0 outside lists). */
  level: number;
  /** Indent of a quote, in twips. */
  indent: number;
}

function blocksOf(blocks: readonly Block[], ctx: Context, lists: { next: number }): (Paragraph | Table)[] {
  const indent = ctx.indent > 0 ? { indent: { left: ctx.indent } } : {};
  return blocks.flatMap((block): (Paragraph | Table)[] => {
    switch (block.type) {
      case 'heading':
        return [new Paragraph({ heading: headingLevels[block.level - 1] ?? HeadingLevel.HEADING_6, children: children(block.inlines) })];
      case 'paragraph':
        return [new Paragraph({ children: children(block.inlines), ...indent })];
      case 'code':
        return [new Paragraph({ children: block.text.split('\n').map((line, i) => new TextRun({ text: line, font: 'Courier New', ...(i > 0 ? { break: 1 } : {}) })), shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' }, ...indent })];
      case 'rule':
        return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
      case 'quote':
        return blocksOf(block.blocks, { ...ctx, indent: ctx.indent + 567 }, lists);
      case 'table':
        return [tableOf(block.rows)];
      case 'list': {
        const instance = lists.next++;
        const level = Math.min(ctx.level, 8);
        return block.items.flatMap((item) => {
          const [first, ...rest] = item;
          const numbering = block.ordered ? { numbering: { reference: 'ordered', level, instance } } : { bullet: { level } };
          const head = first?.type === 'paragraph' ? [new Paragraph({ children: children(first.inlines), ...numbering })] : [new Paragraph({ children: [], ...numbering })];
          const tail = first?.type === 'paragraph' ? rest : item;
          return [...head, ...blocksOf(tail, { ...ctx, level: ctx.level + 1 }, lists)];
        });
      }
    }
  });
}

function tableOf(rows: readonly Cell[][]): Table {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row) => new TableRow({
      // Given at all, even false, `tableHeader` marks the row as a repeated header (docx writes the element).
      ...(row.length > 0 && row.every((c) => c.header) ? { tableHeader: true } : {}),
      children: Array.from({ length: columns }, (_, i) => new TableCell({ children: [new Paragraph({ children: children(row[i]?.inlines ?? []) })] })),
    })),
  });
}

/** The .docx bytes of the document. */
export async function writeDocx(doc: ExportDocument): Promise<Uint8Array> {
  const body = blocksOf(doc.blocks, { level: 0, indent: 0 }, { next: 1 });
  const closing = closingLines(doc).map((line) => new Paragraph({ children: children(line), style: 'Credits' }));
  const document = new Document({
    title: doc.title,
    creator: doc.authors.join(', ') || 'Gare centrale',
    description: `Exporté de Gare centrale : ${doc.source}`,
    styles: { paragraphStyles: [{ id: 'Credits', name: 'Crédits', basedOn: 'Normal', run: { size: 18, color: '555555' }, paragraph: { spacing: { before: 60 } } }] },
    numbering: {
      config: [{
        reference: 'ordered',
        levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
      }],
    },
    sections: [{
      properties: {},
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
        ...body,
        new Paragraph({ children: [], border: { top: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } }),
        ...closing,
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
