/**
 * Gathers what the export of one page holds for one viewer, through their reader only: the
 * page's rendering for them, the images they may read, its authors and licence. Converting it
 * is the worker's job (document-job.ts).
 */
import type { WikiReader } from '../reading/wiki-reader.ts';
import type { Page } from '../wiki/page.ts';
import type { DocImage, ExportInput } from './document-model.ts';
import { imageSize } from './image-size.ts';
import { readNoFollow } from './section-zip.ts';

/** Images embedded in one document, at most (the rest keep their alt text). */
const MAX_IMAGES = 40;
/** Bytes of images embedded in one document, at most. */
const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
/** Widest image in the document, in pixels at 96 dpi (the text width of an A4 page). */
const MAX_WIDTH = 600;

/** Options of `buildExportDocument`. */
export interface BuildExportOptions {
  /** The viewer's reader: the only way in. */
  reader: WikiReader;
  /** A page the reader returned. */
  page: Page;
  /** Absolute origin of the hub (`http://host`), for links and the source line. */
  base: string;
}

/**
 * Attached files the rendering shows: `src="/fichiers/…"`. Their URLs are percent-encoded
 * (attachmentUrl), so the attribute text holds no entity and equals the parsed value.
 */
const imageSrc = /\ssrc="(\/fichiers\/[^"]+)"/g;

/** What the page's export holds, for the viewer. */
export async function gatherExport({ reader, page, base }: BuildExportOptions): Promise<ExportInput> {
  const rendered = await reader.render(page);
  const sources = [...rendered.html.matchAll(imageSrc)].map((m) => m[1] ?? '');
  return {
    html: rendered.html,
    base,
    images: [...(await loadImages(reader, sources))],
    title: page.meta.title,
    authors: reader.authors(page),
    license: page.meta.license,
    source: new URL(page.url, base + '/').href,
    updatedAt: reader.updatedAt(page),
  };
}

/** Loads the attached images the viewer may read (`/fichiers/…`); any other source is left out. */
async function loadImages(reader: WikiReader, sources: string[]): Promise<Map<string, DocImage>> {
  const images = new Map<string, DocImage>();
  let total = 0;
  for (const src of new Set(sources)) {
    if (images.size >= MAX_IMAGES || !src.startsWith('/fichiers/')) continue;
    let file: string;
    try {
      file = src.slice('/fichiers/'.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      continue;
    }
    const found = await reader.attachment(file).catch(() => undefined);
    if (!found?.type.inline || total + found.size > MAX_IMAGE_BYTES) continue;
    const bytes = await readNoFollow(found.file);
    const size = imageSize(bytes);
    if (!size) continue;
    total += bytes.length;
    const scale = Math.min(1, MAX_WIDTH / size.width);
    images.set(src, { bytes, kind: size.kind, width: Math.round(size.width * scale), height: Math.max(1, Math.round(size.height * scale)), alt: found.name });
  }
  return images;
}
