/** Attachment upload and listing, and `serveAttachment` for `GET /fichiers/<path>`. */
import { requireDirectChange } from '../../review/review-hook.ts';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { InvalidSlug, PageNotFound, PayloadTooLarge } from '../../errors.ts';
import { checkUpload, MAX_ATTACHMENT_BYTES, storeAttachment } from '../../editing/attachments.ts';
import type { EditingService } from '../../editing/editing-service.ts';
import { parseInput, readBody } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { sandboxPolicy } from '../security-headers.ts';
import { queryOf } from './editing-schemas.ts';
import { z } from 'zod';
import type { DepsOf } from './pages-write.ts';

/** `?page=` of the attachment routes. */
const PageQuery = z.object({ page: z.string().trim().min(1).max(400) });

function fileNameHeader(ctx: RouteContext): string {
  const raw = ctx.req.headers['x-filename'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) throw new InvalidSlug('Nom de fichier manquant : envoyez-le dans l’en-tête X-Filename (encodé avec encodeURIComponent).');
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InvalidSlug('Nom de fichier illisible : encodez-le avec encodeURIComponent.');
  }
}

/** POST /api/attachments?page= — body: the raw file bytes; X-Filename: original name, percent-encoded. */
async function upload(ctx: RouteContext, deps: EditingService): Promise<unknown> {
  const { page } = parseInput(PageQuery, queryOf(ctx.url));
  const name = fileNameHeader(ctx);
  // Rights first: nobody may make the server read 10 Mio for a page they cannot change.
  await checkUpload({ deps, viewer: ctx.viewer, page });
  await requireDirectChange({ deps, viewer: ctx.viewer, paths: [page] });
  const bytes = await readBody(ctx.req, MAX_ATTACHMENT_BYTES).catch((error: unknown) => {
    // The rest of the upload is not read: the connection cannot carry another request.
    if (error instanceof PayloadTooLarge) ctx.res.setHeader('Connection', 'close');
    throw error;
  });
  return storeAttachment({ deps, viewer: ctx.viewer, page, name, bytes });
}

/** GET /api/attachments?page= */
async function list(ctx: RouteContext): Promise<unknown> {
  const { page } = parseInput(PageQuery, queryOf(ctx.url));
  return ctx.reader.attachments(page);
}

function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * GET /fichiers/<repository path> — an attachment, if the viewer may read its page (404 otherwise).
 * Nothing served here may run: sandbox CSP, nosniff, and everything but raster images is a download
 * (SVG included: shown by `<img>`, never as a document).
 */
export async function serveAttachment(ctx: RouteContext): Promise<Response> {
  const rest = ctx.url.pathname.replace(/^\/fichiers\//, '');
  let file: string;
  try {
    file = rest.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new PageNotFound('Fichier introuvable.');
  }
  const found = await ctx.reader.attachment(file);
  // O_NOFOLLOW: a link swapped in after the door checked the path is still not followed.
  const handle = ctx.req.method === 'HEAD' ? undefined : await fs.promises.open(found.file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  const body = handle ? (Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>) : null;
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': found.type.mime,
      'Content-Length': String(found.size),
      'Content-Disposition': disposition(found.type.inline ? 'inline' : 'attachment', found.name),
      'Content-Security-Policy': sandboxPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-cache',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}

/** The attachment API routes (serving is `serveAttachment`, mounted at `/fichiers/*`). */
export function attachmentRoutes(depsOf: DepsOf): Route[] {
  const bind = (fn: (ctx: RouteContext, deps: EditingService) => Promise<unknown>) => (ctx: RouteContext) => fn(ctx, depsOf(ctx.hub));
  return [
    { method: 'POST', path: '/api/attachments', handler: bind(upload), rawBody: true },
    { method: 'GET', path: '/api/attachments', handler: list },
  ];
}
