/** Restoring an old version of a page: a new commit with the old text, history untouched. */
import { InvalidInput } from '../errors.ts';
import type { Viewer } from '../access/viewer.ts';
import { pathToSlug, slugToUrl, type PagePath } from '../wiki/paths.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf, loadWritablePage, parseStored, requireSave } from './page-access.ts';
import { findVersion } from '../reading/page-versions.ts';

/** `2026-03-12T13:05:00Z` → `12 mars 2026 à 14:05` (Paris time). */
export function frenchDateTime(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/** Options of `restoreVersion`. */
export interface RestoreVersionOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who restores (commit author). */
  viewer: Viewer;
  /** Page path. */
  path: string;
  /** Commit of the version to bring back. */
  oid: string;
}

/** Commits the text of an old version as the page's new version. */
export async function restoreVersion({ deps, viewer, path, oid }: RestoreVersionOptions): Promise<{ path: PagePath; url: string; version: string | undefined; changed: boolean }> {
  const author = authorOf(viewer);
  const { value, oid: version, changed } = await deps.commitAtHead(async (head) => {
      const stored = await loadWritablePage({ dir: deps.dir, head, path, viewer });
      const old = await findVersion(deps, viewer, stored, oid);
      if (old.version.change === 'deleted') throw new InvalidInput('Cette version est la suppression de la page : choisissez une version antérieure.');
      requireSave(viewer, stored.page.meta, parseStored(stored.path, old.source, stored.settings).page.meta);
      if (old.source === stored.source) return { commit: undefined, value: stored.path };
      const message = `Restauration de la version du ${frenchDateTime(old.version.date)} (${oid.slice(0, 7)})`;
      return { commit: { changes: [{ path: stored.path, content: old.source }], author, message }, value: stored.path };
    });
  return { path: value, url: slugToUrl(pathToSlug(value)), version, changed };
}
