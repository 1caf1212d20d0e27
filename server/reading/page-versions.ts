/**
 * Old versions of a page as a viewer may see them: the page must be readable now, and a version
 * that was team-only never reaches someone outside the team, even if the page is public today.
 */
import { can } from '../access/policy.ts';
import { PageNotFound } from '../errors.ts';
import { type Viewer } from '../access/viewer.ts';
import type { PathVersion } from '../git/history-index.ts';
import { diffTexts, readFileAtCommit, type TextDiff } from '../git/read-version.ts';
import type { PagePath } from '../wiki/paths.ts';
import type { TouchedAccess } from '../git/history-access.ts';
import { readHead } from '../git/head.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { settingsAt } from '../git/settings-at.ts';
import { loadReadablePage, parseStored, type StoredPage } from '../editing/page-access.ts';

/** A version as the API lists it (e-mails only for the team). */
export interface VersionInfo {
  /** Commit id. */
  oid: string;
  /** Author name. */
  author: string;
  /** Author e-mail (team viewers only). */
  email?: string;
  /** Commit time, ISO 8601. */
  date: string;
  /** First line of the commit message. */
  message: string;
  /** File path in that commit. */
  path: string;
  /** How the file changed there. */
  change: PathVersion['change'];
  /** Old path, for a rename. */
  from?: string;
}

/** Most versions checked and listed for one page. */
const maxVersions = 500;

const gone = (): PageNotFound => new PageNotFound('Cette version n’existe pas pour cette page. Choisissez-en une dans l’historique.');

const neutralMessages: Record<PathVersion['change'], string> = {
  added: 'Création de la page',
  modified: 'Modification de la page',
  deleted: 'Suppression de la page',
  renamed: 'Page renommée ou déplacée',
};

/**
 * True when the viewer may read every file the commit touched, as each was in that commit: its
 * message can then name nothing they could not read. A commit that touched nothing known (or a
 * record without that knowledge) keeps its message to those who may read team pages.
 */
export function mayReadMessage(viewer: Viewer, touched: readonly TouchedAccess[] | undefined): boolean {
  const all: readonly TouchedAccess[] = touched && touched.length > 0 ? touched : [{ visibility: 'equipe' }];
  return all.every((access) => can(viewer, 'page.read', access));
}

/** The API shape of a history entry: the message as written when `mayReadMessage`, a neutral one otherwise. */
export function toVersionInfo(v: PathVersion, viewer: Viewer): VersionInfo {
  const { oid, author, email, date, message, path, change, from } = v;
  const team = can(viewer, 'team.read');
  const readsAll = mayReadMessage(viewer, v.touched);
  const shown = readsAll ? message : neutralMessages[change];
  // The old path of a rename may lie in a group's section: shown only with the message.
  return { oid, author, ...(team ? { email } : {}), date, message: shown, path, change, ...(from !== undefined && team && readsAll ? { from } : {}) };
}

/** Text of a version ('' when the file was deleted in that commit). */
async function sourceOf(deps: EditingService, v: PathVersion): Promise<string | undefined> {
  if (v.change === 'deleted') return '';
  return readFileAtCommit({ dir: deps.dir, oid: v.oid, path: v.path });
}

/**
 * True when the viewer may read the version's text, judged by that version's own visibility and
 * groups (team versions are team-only forever; a group's, the group's). Only admins skip the check:
 * being in the team does not open a group's old versions.
 */
async function mayReadVersion(deps: EditingService, viewer: Viewer, v: PathVersion): Promise<boolean> {
  if (can(viewer, 'people.manage') || v.change === 'deleted') return true;
  const source = await sourceOf(deps, v);
  return source !== undefined && can(viewer, 'page.read', parseStored(v.path as PagePath, source, await settingsAt(deps.dir, v.oid)).page.meta);
}

async function readablePageNow(deps: EditingService, viewer: Viewer, path: string): Promise<StoredPage> {
  return loadReadablePage({ dir: deps.dir, head: await readHead(deps.dir), path, viewer });
}

/** Versions of a page the viewer may see, newest first. */
export async function listVersions({ deps, viewer, path }: { deps: EditingService; viewer: Viewer; path: string }): Promise<{ path: PagePath; versions: VersionInfo[] }> {
  const stored = await readablePageNow(deps, viewer, path);
  const out: VersionInfo[] = [];
  for (const v of deps.history.historyOf(stored.path).slice(0, maxVersions)) {
    if (await mayReadVersion(deps, viewer, v)) out.push(toVersionInfo(v, viewer));
  }
  return { path: stored.path, versions: out };
}

/** A version of a page with its text. */
export interface PageVersionText {
  /** Version metadata. */
  version: VersionInfo;
  /** File text (front matter + body) at that version; '' for a deletion. */
  source: string;
}

/** Finds a version of a page by commit id, if the viewer may read it; 404 otherwise. */
export async function findVersion(deps: EditingService, viewer: Viewer, stored: StoredPage, oid: string): Promise<PageVersionText> {
  const v = deps.history.historyOf(stored.path).find((entry) => entry.oid === oid);
  if (!v || !(await mayReadVersion(deps, viewer, v))) throw gone();
  const source = await sourceOf(deps, v);
  if (source === undefined) throw gone();
  return { version: toVersionInfo(v, viewer), source };
}

/** One version of a page, for the « voir cette version » view. */
export async function readVersion(options: { deps: EditingService; viewer: Viewer; path: string; oid: string }): Promise<PageVersionText & { path: PagePath }> {
  const stored = await readablePageNow(options.deps, options.viewer, options.path);
  return { path: stored.path, ...(await findVersion(options.deps, options.viewer, stored, options.oid)) };
}

/** Options of `diffVersions`. */
export interface DiffVersionsOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who asks. */
  viewer: Viewer;
  /** Page path. */
  path: string;
  /** Older commit. */
  from: string;
  /** Newer commit; default the latest version. */
  to?: string | undefined;
  /** Unchanged lines kept around changes; default all. */
  context?: number | undefined;
}

/** Side-by-side line diff of two versions of a page. */
export async function diffVersions(options: DiffVersionsOptions): Promise<{ path: PagePath; from: VersionInfo; to: VersionInfo; diff: TextDiff }> {
  const { deps, viewer } = options;
  const stored = await readablePageNow(deps, viewer, options.path);
  const latest = deps.history.historyOf(stored.path)[0]?.oid;
  const before = await findVersion(deps, viewer, stored, options.from);
  const after = await findVersion(deps, viewer, stored, options.to ?? latest ?? '');
  const diff = diffTexts({ before: before.source, after: after.source, context: options.context });
  return { path: stored.path, from: before.version, to: after.version, diff };
}
