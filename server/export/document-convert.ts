/** Turns gathered export input into .docx or .odt bytes: parse the rendering, build blocks, write. */
import { fromHtml } from 'hast-util-from-html';
import { hastToBlocks } from './document-hast.ts';
import { writeDocx } from './document-docx.ts';
import type { ExportInput } from './document-model.ts';
import { writeOdt } from './document-odt.ts';

/** Formats a page exports to. */
export type DocumentFormat = 'docx' | 'odt';

/** The document's bytes (CPU-bound for a large page: run it in the export worker). */
export async function convertExport(input: ExportInput, format: DocumentFormat): Promise<Uint8Array> {
  const { html, base, images, ...credits } = input;
  const blocks = hastToBlocks(fromHtml(html, { fragment: true }), { base, images: new Map(images) });
  const doc = { ...credits, blocks };
  return format === 'docx' ? writeDocx(doc) : writeOdt(doc);
}
