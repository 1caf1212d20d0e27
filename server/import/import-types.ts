/** What every reader hands to the planner: documents, files and credits, in the upload's own terms. */
import type { GitPerson } from '../git/git-time.ts';

/** The formats the hub imports. */
export type ImportFormat = 'etherpad' | 'markdown' | 'zip' | 'docx' | 'odt';

/** French name of each format, for previews and reports. */
export const formatLabels: Record<ImportFormat, string> = {
  etherpad: 'Pad Etherpad / Framapad',
  markdown: 'Note Markdown (HedgeDoc, CodiMD)',
  zip: 'Archive Markdown (Notion, Outline, Docmost)',
  docx: 'Document Word (.docx)',
  odt: 'Document LibreOffice (.odt)',
};

/** One document to become a page. */
export interface ImportedDoc {
  /** Its path in the upload (`Projet/Réunion.md`, or the file name): links and images resolve from it. */
  source: string;
  /** Cleaned folder names between the target section and the page (`['projet']`). */
  folders: string[];
  /** Page title. */
  title: string;
  /** Markdown body; links and images still point into the upload. */
  body: string;
  /** Tags the document carries (HedgeDoc front matter). */
  tags: string[];
  /** Other front matter fields kept as they are. */
  fields: Record<string, unknown>;
}

/** A file (image, attachment) of the upload. */
export interface ImportedFile {
  /** Its path in the upload. */
  source: string;
  /** Its content. */
  bytes: Uint8Array;
}

/** Something of the upload that will not be imported, and why. */
export interface SkippedItem {
  /** Path or name in the upload. */
  name: string;
  /** Why, in French. */
  reason: string;
}

/** What a reader found in an upload. */
export interface ParsedUpload {
  /** Its format. */
  format: ImportFormat;
  /** Documents to become pages. */
  docs: ImportedDoc[];
  /** Other files, kept when a document uses them. */
  files: ImportedFile[];
  /** Original authors, credited in the commit. */
  authors: GitPerson[];
  /** What was left out. */
  skipped: SkippedItem[];
}

/** A placeholder e-mail for an original author known only by name. */
export function importedPerson(name: string, origin: string): GitPerson {
  const local = name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '') || 'auteur';
  return { name, email: `${local}@${origin}.invalid` };
}
