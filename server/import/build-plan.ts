/**
 * From what a reader found to what will be committed: a free path for each page (a name already
 * used gets `-2`, `-3`…: nothing is overwritten), images stored next to the first page that
 * shows them, links between imported pages rewritten to their new addresses.
 */
import type { GitPerson } from '../git/git-time.ts';
import { extensionOf, numberedName, sanitizeAttachmentName } from '../editing/attachment-names.ts';
import { detectFileType } from '../editing/file-types.ts';
import { buildPageSource } from '../editing/page-source.ts';
import { attachmentFolderOf, cleanSection, pagePathOf, sectionForType, uniquePagePath } from '../editing/page-locations.ts';
import { MAX_PAGE_BYTES } from '../wiki/wiki-index.ts';
import { pathToSlug, slugify, slugToUrl, type PagePath } from '../wiki/paths.ts';
import type { Visibility } from '../wiki/schema.ts';
import { NothingToImport } from './import-errors.ts';
import { optionTags, type ImportOptions } from './import-options.ts';
import type { ImportFormat, ParsedUpload, SkippedItem } from './import-types.ts';
import { fileUrl, rewriteUploadLinks, uploadTargets } from './upload-links.ts';

/** A page the import will create. */
export interface PlannedPage {
  /** Its path in the upload. */
  source: string;
  /** Repository path it gets. */
  path: PagePath;
  /** Its address. */
  url: string;
  /** Title. */
  title: string;
  /** Type. */
  type: string;
  /** Tags. */
  tags: string[];
  /** Who may read it. */
  visibility: Visibility;
  /** The path it would have had, when that one was already used (so it got a suffix). */
  renamedFrom: string | undefined;
  /** Names of its images and attachments. */
  files: string[];
  /** The page file. */
  content: string;
}

/** A file the import will store next to a page. */
export interface PlannedFile {
  /** Its path in the upload. */
  source: string;
  /** Repository path. */
  path: string;
  /** Content. */
  bytes: Uint8Array;
}

/** Everything an import will commit, and what it leaves out. */
export interface ImportPlan {
  /** Format read. */
  format: ImportFormat;
  /** Uploaded file name. */
  fileName: string;
  /** Pages to create. */
  pages: PlannedPage[];
  /** Files to store. */
  files: PlannedFile[];
  /** What is left out, and why. */
  skipped: SkippedItem[];
  /** Original authors to credit. */
  authors: GitPerson[];
}

/** Options of `buildPlan`. */
export interface BuildPlanOptions {
  /** What the reader found. */
  parsed: ParsedUpload;
  /** Uploaded file name. */
  fileName: string;
  /** What the person chose. */
  options: ImportOptions;
  /** Working tree of the content repository (names in use). */
  dir: string;
  /** Page paths at HEAD. */
  taken: ReadonlySet<string>;
}

/** Plans an import; nothing is written. */
export function buildPlan({ parsed, fileName, options, dir, taken }: BuildPlanOptions): ImportPlan {
  const section = options.rubrique ? cleanSection(options.rubrique) : sectionForType(options.type);
  const skipped = [...parsed.skipped];
  const used = new Set(taken);
  const pages = new Map<string, Omit<PlannedPage, 'content'> & { body: string; fields: Record<string, unknown> }>();
  for (const doc of parsed.docs) {
    if (Buffer.byteLength(doc.body) > MAX_PAGE_BYTES) {
      skipped.push({ name: doc.source, reason: 'Texte de plus de 5 Mo : le wiki ne l’afficherait pas. Découpez-le en plusieurs documents.' });
      continue;
    }
    const folder = [section, ...doc.folders].filter((s) => s !== '').join('/');
    const slug = slugify(doc.title);
    const path = uniquePagePath({ dir, section: folder, slug, taken: (p) => used.has(p) });
    used.add(path);
    const wanted = pagePathOf(folder, slug);
    const tags = [...new Set([...optionTags(options), ...doc.tags])];
    pages.set(doc.source, { source: doc.source, path, url: slugToUrl(pathToSlug(path)), title: doc.title, type: options.type, tags, visibility: options.visibilite, renamedFrom: path === wanted ? undefined : wanted, files: [], body: doc.body, fields: doc.fields });
  }
  if (pages.size === 0) throw new NothingToImport('Rien à importer : aucun document de ce fichier ne peut devenir une page (voir les raisons ci-dessus).');
  // Each file goes next to the first page that uses it, under a safe name of its real type.
  const files = new Map<string, PlannedFile>();
  const byPath = new Map(parsed.files.map((f) => [f.source, f]));
  for (const page of pages.values()) {
    for (const { path: source } of uploadTargets(page.source, page.body)) {
      const file = byPath.get(source);
      if (!file || files.has(source)) continue;
      const base = source.split('/').pop() ?? source;
      const type = detectFileType(file.bytes, extensionOf(base));
      if (!type) {
        skipped.push({ name: source, reason: 'Type de fichier refusé par le wiki : il n’a pas été joint.' });
        byPath.delete(source);
        continue;
      }
      const wanted = sanitizeAttachmentName(base.startsWith('.') ? 'fichier' : base, type.ext);
      let name = wanted;
      for (let n = 2; page.files.includes(name); n++) name = numberedName(wanted, n);
      page.files.push(name);
      files.set(source, { source, path: `${attachmentFolderOf(page.path)}/${name}`, bytes: file.bytes });
    }
  }
  for (const file of parsed.files) if (!files.has(file.source) && byPath.has(file.source)) skipped.push({ name: file.source, reason: 'Aucune page ne l’utilise : il n’a pas été importé.' });
  const urlOf = (source: string) => {
    const file = files.get(source);
    return file ? fileUrl(file.path) : pages.get(source)?.url;
  };
  const planned = [...pages.values()].map(({ body, fields, ...page }) => ({
    ...page,
    content: buildPageSource({ fields: { title: page.title, type: page.type, tags: page.tags, visibility: page.visibility }, body: rewriteUploadLinks(page.source, body, urlOf), keep: fields }),
  }));
  return { format: parsed.format, fileName, pages: planned, files: [...files.values()], skipped, authors: parsed.authors };
}
