/**
 * The static export: the public site as plain files for any static host. The running hub is
 * crawled over HTTP as a visitor, so the export passes through the very gates a visitor does.
 */
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GareError } from '../errors.ts';
import { anonymous } from '../access/viewer.ts';
import type { Hub } from '../hub/create-hub.ts';
import type { WikiReader } from '../reading/wiki-reader.ts';
import { crawlSite } from './crawl.ts';
import { copyPublicAttachments } from './export-attachments.ts';
import { writePublicSearch } from './export-search.ts';
import { linkedPaths } from './html-links.ts';
import { isExportable, outputFile } from './output-paths.ts';
import { staticHtml } from './static-html.ts';

/** The export folder is not one we may empty. */
export class ExportFolderNotEmpty extends GareError {
  override readonly code = 'ExportFolderNotEmpty';
  override readonly status = 409;
}

/** Options of `exportSite`. */
export interface ExportSiteOptions {
  /** A running hub and its base URL (`startGare`'s answer). */
  gare: { hub: Hub; url: string };
  /** Folder to write; created, or emptied when a previous export left it. */
  outDir: string;
  /** Built browser assets (`dist/client`), copied as they are. */
  clientDir: string;
  /** Clock. */
  now?: () => Date;
}

/** What an export wrote. */
export interface ExportSummary {
  /** HTML pages written (the 404 page included). */
  pages: number;
  /** Files written in all. */
  files: number;
  /** Bytes written in all. */
  bytes: number;
  /** Attachments copied. */
  attachments: number;
  /** Pages in the export's search index. */
  searchPages: number;
  /** Duration in milliseconds. */
  ms: number;
}

/** Name of the file that marks a folder as an export (so a later export may empty it). */
export const exportMarker = '.gare-export';

async function prepareFolder(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => undefined);
  if (entries && entries.length > 0) {
    if (!entries.includes(exportMarker)) {
      throw new ExportFolderNotEmpty(`Le dossier ${outDir} n’est pas vide et ne vient pas d’un export : choisissez un autre dossier avec --out, ou videz-le.`);
    }
    await rm(outDir, { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, exportMarker), 'Dossier écrit par « npm run export » : il est vidé à chaque export.\n');
}

/** Addresses the crawl starts from: the portal, the lists, every public page and tag, the help. */
function startAddresses(visitor: WikiReader): string[] {
  const publicPages = visitor.pages();
  const tags = visitor.tags().map((t) => `/tags/${encodeURIComponent(t.key)}`);
  return ['/', '/sommaire', '/tags', '/recherche', '/aide', '/registre', ...publicPages.map((p) => p.url), ...tags];
}

async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

/** Writes the public site into `outDir`: pages, 404, assets, public attachments and a public search. */
export async function exportSite({ gare, outDir, clientDir, now = () => new Date() }: ExportSiteOptions): Promise<ExportSummary> {
  const started = performance.now();
  const out = path.resolve(outDir);
  await prepareFolder(out);
  await cp(clientDir, out, { recursive: true });

  // The export holds what a visitor may read, decided by the same gate as the live site.
  const visitor = gare.hub.forViewer(anonymous);
  const crawled = await crawlSite({
    base: gare.url,
    start: startAddresses(visitor),
    follow: (p) => isExportable(p) && !p.startsWith('/_astro/') && !p.startsWith('/fichiers/'),
  });
  const attachments = new Set<string>();
  let pages = 0;
  for (const resource of crawled.values()) {
    if (resource.status !== 200 || !isExportable(resource.path)) continue;
    const html = resource.contentType.includes('text/html');
    const target = outputFile(out, resource.path, html);
    if (!target) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, html ? staticHtml(resource.body.toString('utf8')) : resource.body);
    if (!html) continue;
    pages++;
    for (const p of linkedPaths(resource.body.toString('utf8'), resource.path, gare.url)) if (p.startsWith('/fichiers/')) attachments.add(p.split('?')[0] ?? p);
  }

  const missing = await fetch(`${gare.url}/404`);
  if (missing.status === 404 && (missing.headers.get('content-type') ?? '').includes('text/html')) {
    await writeFile(path.join(out, '404.html'), staticHtml(await missing.text()));
    pages++;
  }
  const copied = await copyPublicAttachments({ contentDir: gare.hub.config.contentDir, index: gare.hub.index, pages: visitor.pages(), outDir: out, linked: attachments });
  const search = await writePublicSearch({ outDir: out, pages: visitor.pages(), read: (p) => visitor.pageSource(p), now, aliases: gare.hub.index.aliases });
  const size = await folderSize(out);
  return { pages, files: size.files, bytes: size.bytes, attachments: copied.files, searchPages: search.pages, ms: Math.round(performance.now() - started) };
}
