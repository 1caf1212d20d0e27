/** Committing a planned import: every page and file in one commit by the importer, original authors credited. */
import path from 'node:path';
import type { Viewer } from '../access/viewer.ts';
import { can, requireAllowed, requireCan } from '../access/policy.ts';
import { attachmentUrl } from '../editing/attachments.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { quoteTitle } from '../editing/commit-message.ts';
import { authorOf } from '../editing/page-access.ts';
import { uniquePagePath } from '../editing/page-locations.ts';
import type { FileChange } from '../git/commit-queue.ts';
import { defaultVisibility } from '../wiki/schema.ts';
import type { ImportPlan } from './build-plan.ts';
import { ImportConflict } from './import-errors.ts';
import { formatLabels } from './import-types.ts';

/** What an import made, for the report. */
export interface ImportReport {
  /** Commit that holds the import. */
  version: string | undefined;
  /** Pages created, with their address. */
  pages: { title: string; url: string; path: string }[];
  /** Files stored, with their address. */
  files: { path: string; url: string }[];
  /** What was left out, and why. */
  skipped: ImportPlan['skipped'];
  /** Original authors credited. */
  authors: string[];
}

/** The commit message: what was imported, from where, and who wrote it first. */
function messageOf(plan: ImportPlan): string {
  const count = plan.pages.length === 1 ? `${quoteTitle(plan.pages[0]?.title ?? '')}` : `${plan.pages.length} pages`;
  const lines = [`Import de ${count} depuis ${quoteTitle(plan.fileName)}`, '', `Format : ${formatLabels[plan.format]}.`];
  if (plan.authors.length > 0) lines.push(`Auteurs d’origine : ${plan.authors.map((a) => a.name).join(', ')}.`);
  return lines.join('\n');
}

/** Commits the plan, refusing (nothing written) when a planned name was taken meanwhile. */
export async function commitImport({ deps, viewer, plan }: { deps: EditingService; viewer: Viewer; plan: ImportPlan }): Promise<ImportReport> {
  requireCan(viewer, 'pages.import');
  for (const page of plan.pages) requireAllowed(viewer, can(viewer, 'page.create', { visibility: page.visibility, typeVisibility: defaultVisibility(page.type) }));
  const { oid } = await deps.commitAtHead(async () => {
    for (const page of plan.pages) {
      const free = uniquePagePath({ dir: deps.dir, section: path.posix.dirname(page.path).replace(/^\.$/, ''), slug: path.posix.basename(page.path, '.md'), taken: (p) => deps.index.get(p) !== undefined });
      if (free !== page.path) throw new ImportConflict(`La page « ${page.path} » a été créée entre l’aperçu et l’import : rien n’a été importé. Relancez l’aperçu.`);
    }
    const changes: FileChange[] = [...plan.pages.map((p) => ({ path: p.path, content: p.content })), ...plan.files.map((f) => ({ path: f.path, content: f.bytes }))];
    return { commit: { changes, author: authorOf(viewer), message: messageOf(plan), coAuthors: plan.authors }, value: undefined };
  });
  return {
    version: oid,
    pages: plan.pages.map((p) => ({ title: p.title, url: p.url, path: p.path })),
    files: plan.files.map((f) => ({ path: f.path, url: attachmentUrl(f.path) })),
    skipped: plan.skipped,
    authors: plan.authors.map((a) => a.name),
  };
}
