/** Finding a page file as stored, and deciding who may see or change it. */
import { can, requireAllowed } from '../access/policy.ts';
import { PageNotFound } from '../errors.ts';
import { type Viewer } from '../access/viewer.ts';
import { parsePage } from '../wiki/parse-page.ts';
import { isPagePath, type PagePath } from '../wiki/paths.ts';
import type { Page } from '../wiki/page.ts';
import { defaultVisibility, type PageMeta } from '../wiki/schema.ts';
import { readAtHead } from '../git/head.ts';
import { settingsAt } from '../git/settings-at.ts';
import type { RepoSettings } from '../wiki/repo-settings.ts';

/** A page read from a commit, parsed. */
export interface StoredPage {
  /** Canonical repository path. */
  path: PagePath;
  /** File text at that commit. */
  source: string;
  /** Parsed page (visibility with privacy-first defaults). */
  page: Page;
  /** Repository settings at that commit: a new text of the page is judged by the same. */
  settings: RepoSettings;
}

const notFound = (): PageNotFound => new PageNotFound('Cette page n’existe pas (ou plus). Vérifiez l’adresse ou cherchez-la dans le sommaire.');

/** Canonical page path from user input (`ressources/visio`, `/ressources/visio.md`); 404 when it cannot be a page. */
export function toPagePath(input: string): PagePath {
  const trimmed = input.trim().replace(/^\/+/, '');
  const withExt = trimmed.endsWith('.md') ? trimmed : `${trimmed}.md`;
  if (!isPagePath(withExt)) throw notFound();
  return withExt;
}

/** Parses a file as a page at `path`. */
export function parseStored(path: PagePath, source: string, settings: RepoSettings): StoredPage {
  return { path, source, page: parsePage({ path, source, settings }), settings };
}

/** Options of `loadReadablePage`. */
export interface LoadPageOptions {
  /** Content repository. */
  dir: string;
  /** Commit to read (HEAD). */
  head: string | undefined;
  /** Page path as asked. */
  path: string;
  /** Who asks. */
  viewer: Viewer;
}

/** The stored page, if the viewer may read it; otherwise 404, as if it did not exist. */
export async function loadReadablePage({ dir, head, path, viewer }: LoadPageOptions): Promise<StoredPage> {
  const canonical = toPagePath(path);
  const source = await readAtHead(dir, head, canonical);
  if (source === undefined) throw notFound();
  const stored = parseStored(canonical, source, await settingsAt(dir, head));
  if (!can(viewer, 'page.read', stored.page.meta)) throw notFound();
  return stored;
}

/** The stored page, if the viewer may change it (404 when unreadable, 401/403 when read-only). */
export async function loadWritablePage(options: LoadPageOptions): Promise<StoredPage> {
  const stored = await loadReadablePage(options);
  requireAllowed(options.viewer, can(options.viewer, 'page.write', stored.page.meta));
  return stored;
}

/** Throws unless the viewer may turn the page `before` (undefined: new) into `after`, visibility and type. */
export function requireSave(viewer: Viewer, before: Pick<PageMeta, 'visibility' | 'type'> | undefined, after: Pick<PageMeta, 'visibility' | 'type'>): void {
  // A new type kept for the team by default (an accompaniment file) is the team's to give, even to a public page.
  const newTypeVisibility = before !== undefined && before.type !== after.type ? defaultVisibility(after.type) : undefined;
  requireAllowed(viewer, can(viewer, 'page.save', { before: before?.visibility, after: after.visibility, newTypeVisibility }));
}

/** The commit author for a logged-in viewer (visitors are refused before they get here). */
export function authorOf(viewer: Viewer): { name: string; email: string } {
  requireAllowed(viewer, viewer.person !== undefined);
  const person = viewer.person as NonNullable<Viewer['person']>;
  return { name: person.name, email: person.email };
}
