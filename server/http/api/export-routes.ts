/**
 * Downloads of what a viewer may read: a page as .docx or .odt (`/api/export/<slug>.docx`), a
 * section as a zip of Markdown and attachments (`/api/export/rubrique/<section>.zip`). Everything
 * is read through `ctx.reader`: a page or section the viewer cannot read answers exactly like a
 * missing one.
 */
import { PageNotFound } from '../../errors.ts';
import { gatherExport } from '../../export/document-build.ts';
import { createDocumentConverter, type DocumentConverter } from '../../export/document-job.ts';
import { createLimiter } from '../../export/export-limiter.ts';
import { buildSectionZip } from '../../export/section-zip.ts';
import type { Route, RouteContext } from '../router.ts';
import { readablePage } from './pages-read.ts';

const mimes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** Exports built at once by one hub; more wait (each holds a page's images and a document in memory). */
const CONCURRENT_EXPORTS = 2;

function baseOf(ctx: RouteContext): string {
  const configured = ctx.hub.config.publicUrl;
  return configured ? new URL(configured).origin : `http://${ctx.req.headers.host ?? 'localhost'}`;
}

function download(bytes: Uint8Array, mime: string, name: string): Response {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // Our writers return plain (never shared) buffers; the DOM typings only want that said.
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'Content-Type': mime,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** GET /api/export/<slug>.(docx|odt) and /api/export/rubrique/<section>.zip */
async function exportRoute(ctx: RouteContext, convert: DocumentConverter): Promise<Response> {
  const rest = ctx.params['rest'] ?? '';
  const section = /^rubrique\/([^/]+)\.zip$/.exec(rest);
  if (section?.[1]) return download(await buildSectionZip({ reader: ctx.reader, section: section[1] }), 'application/zip', `${section[1]}.zip`);
  const asked = /^(.+)\.(docx|odt)$/.exec(rest);
  if (!asked?.[1] || !asked[2]) throw new PageNotFound('Cette page n’existe pas (ou plus).');
  const page = readablePage(ctx, asked[1]);
  const format = asked[2] as keyof typeof mimes;
  const input = await gatherExport({ reader: ctx.reader, page, base: baseOf(ctx) });
  const name = `${page.slug.split('/').pop() ?? 'page'}.${format}`;
  return download(await convert(input, format), mimes[format], name);
}

/** The export routes, sharing one limit on concurrent exports and one conversion worker. */
export function createExportRoutes(): Route[] {
  const limit = createLimiter(CONCURRENT_EXPORTS);
  const convert = createDocumentConverter();
  return [{ method: 'GET', path: '/api/export/:rest+', handler: (ctx) => limit(() => exportRoute(ctx, convert)) }];
}
