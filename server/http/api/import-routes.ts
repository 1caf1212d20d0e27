/** `POST /api/import`: preview (`etape=apercu`) then import (`etape=importer`) of an uploaded pad or document. */
import { requireCan } from '../../access/policy.ts';
import { InvalidSlug, PayloadTooLarge } from '../../errors.ts';
import type { ImportPlan } from '../../import/build-plan.ts';
import { commitImport } from '../../import/commit-import.ts';
import { ImportOptionsSchema, MAX_IMPORT_BYTES, type ImportOptions } from '../../import/import-options.ts';
import { formatLabels } from '../../import/import-types.ts';
import { planImport } from '../../import/plan-import.ts';
import { parseInput, readBody } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';
import { queryOf } from './editing-schemas.ts';

function fileNameOf(ctx: RouteContext): string {
  const raw = ctx.req.headers['x-filename'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  try {
    const name = value ? decodeURIComponent(value).split(/[/\\]/).pop()?.trim() : undefined;
    if (name) return name.slice(0, 200);
  } catch {
    // Falls through to the same answer as a missing name.
  }
  throw new InvalidSlug('Nom de fichier manquant ou illisible : envoyez-le dans l’en-tête X-Filename (encodé avec encodeURIComponent).');
}

/** What the preview shows: the plan without file contents. */
function previewOf(plan: ImportPlan): unknown {
  return {
    format: plan.format,
    formatLabel: formatLabels[plan.format],
    fileName: plan.fileName,
    pages: plan.pages.map(({ content: _content, ...page }) => page),
    files: plan.files.map((f) => ({ source: f.source, path: f.path })),
    skipped: plan.skipped,
    authors: plan.authors.map((a) => a.name),
  };
}

/** POST /api/import?etape=&rubrique=&type=&etiquettes=&visibilite= — body: the raw file; X-Filename: its name. */
async function importFile(ctx: RouteContext): Promise<unknown> {
  let options: ImportOptions;
  let fileName: string;
  try {
    // Rights first: nobody may make the server read 50 Mio for an import they may not make.
    requireCan(ctx.viewer, 'pages.import');
    options = parseInput(ImportOptionsSchema, queryOf(ctx.url));
    fileName = fileNameOf(ctx);
  } catch (error) {
    // The upload is left unread: the connection cannot carry another request.
    ctx.res.setHeader('Connection', 'close');
    throw error;
  }
  const bytes = await readBody(ctx.req, MAX_IMPORT_BYTES).catch((error: unknown) => {
    if (error instanceof PayloadTooLarge) ctx.res.setHeader('Connection', 'close');
    throw error;
  });
  const deps = ctx.hub.editing;
  const taken = deps.index.all().map((p) => p.path);
  const plan = await planImport({ bytes, fileName, options, dir: deps.dir, taken });
  if (options.etape === 'apercu') return previewOf(plan);
  return commitImport({ deps, viewer: ctx.viewer, plan });
}

/** The import route. */
export const importRoutes: Route[] = [{ method: 'POST', path: '/api/import', handler: importFile, rawBody: true }];
