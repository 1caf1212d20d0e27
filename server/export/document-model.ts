/**
 * The page as a word-processor document sees it: a small tree of blocks and inline runs, built
 * once from the viewer's rendering and written out as .docx or .odt. Pure (no `node:` import).
 */
import { licenceInfo } from '../wiki/repo-settings.ts';

/** How a run of text looks. */
export interface RunStyle {
  /** Bold (`<strong>`). */
  bold?: boolean;
  /** Italic (`<em>`). */
  italic?: boolean;
  /** Struck through (`<del>`). */
  strike?: boolean;
  /** Monospace (`<code>`). */
  code?: boolean;
}

/** An image the viewer may read, its bytes already loaded. */
export interface DocImage {
  /** File bytes (PNG, JPEG or GIF). */
  bytes: Uint8Array;
  /** Which kind, for the package and the writers. */
  kind: 'png' | 'jpg' | 'gif';
  /** Width in pixels, as shown (at most the page width). */
  width: number;
  /** Height in pixels, as shown. */
  height: number;
  /** Alternative text. */
  alt: string;
}

/** An inline piece of a paragraph. */
export type Inline =
  | { type: 'text'; text: string; style: RunStyle }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; image: DocImage }
  | { type: 'break' };

/** A table cell. */
export interface Cell {
  /** Content. */
  inlines: Inline[];
  /** Header cell (`<th>`). */
  header: boolean;
}

/** A block of the document. */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'table'; rows: Cell[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

/** A whole exported page. */
export interface ExportDocument {
  /** Page title (the document's first heading and its metadata title). */
  title: string;
  /** Body blocks. */
  blocks: Block[];
  /** People who wrote the page, most commits first. */
  authors: string[];
  /** SPDX id of the page's licence, when it has one. */
  license: string | undefined;
  /** Absolute address of the page, for the closing note. */
  source: string;
  /** Last change (ISO), when known. */
  updatedAt: string | undefined;
}

/** `CC-BY-SA-4.0` → « CC BY-SA 4.0 », `etalab-2.0` → « Licence Ouverte 2.0 (Etalab) » (the page view words it the same way). */
export function licenceLabel(id: string): string {
  return licenceInfo(id).label;
}

/** What the export worker receives: the viewer's rendering of the page, its images and credits. */
export interface ExportInput extends Omit<ExportDocument, 'blocks'> {
  /** The page rendered for the viewer (sanitised HTML). */
  html: string;
  /** Absolute origin for relative links. */
  base: string;
  /** Images the viewer may read, by their `src` in `html`. */
  images: [string, DocImage][];
}

/** Link to the licence's text, when the hub knows the id (Creative Commons, Licence Ouverte, MIT…). */
export function licenceUrl(id: string): string | undefined {
  return licenceInfo(id).url;
}

/** The closing lines every export ends with: licence, authors, source. */
export function closingLines(doc: ExportDocument): Inline[][] {
  const text = (t: string): Inline => ({ type: 'text', text: t, style: {} });
  const lines: Inline[][] = [];
  if (doc.license) {
    const url = licenceUrl(doc.license);
    lines.push([text('Licence : '), url ? { type: 'link', href: url, children: [text(licenceLabel(doc.license))] } : text(licenceLabel(doc.license))]);
  }
  if (doc.authors.length > 0) lines.push([text(`${doc.authors.length > 1 ? 'Auteur·ices' : 'Auteur·ice'} : ${doc.authors.join(', ')}`)]);
  lines.push([text('Source : '), { type: 'link', href: doc.source, children: [text(doc.source)] }]);
  return lines;
}
