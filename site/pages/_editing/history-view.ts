/** Wording and reading of page history for the editing pages: versions, one old version, a diff. */
import { PageNotFound } from '../../../server/errors.ts';
import type { VersionInfo } from '../../../server/reading/page-versions.ts';
import type { WikiReader } from '../../../server/reading/wiki-reader.ts';
import { parsePageText } from '../../../server/wiki/parse-page.ts';
import { emptySettings } from '../../../server/wiki/repo-settings.ts';
import type { Page } from '../../../server/wiki/page.ts';

export type { VersionInfo };

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** `2026-03-12T13:05:00Z` → « 12 mars 2026 à 14:05 » (Paris time). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** What happened to the file in a version, in French. */
export function changeLabel(change: VersionInfo['change']): string {
  switch (change) {
    case 'added':
      return 'Création';
    case 'deleted':
      return 'Suppression';
    case 'renamed':
      return 'Renommage';
    default:
      return 'Modification';
  }
}

/** Versions of a visible page the viewer may see, newest first (empty when history fails). */
export async function versionsOf(reader: WikiReader, page: Page): Promise<VersionInfo[]> {
  return (await reader.versions(page.path)).versions;
}

/** Runs `fn`, turning « not found » into undefined (an unknown or hidden version is a 404). */
async function orMissing<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PageNotFound || (error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** An old version of a page, parsed and rendered for the viewer's audience; undefined if unknown or hidden. */
export async function oldVersionOf(reader: WikiReader, page: Page, oid: string) {
  const found = await orMissing(() => reader.version(page.path, oid));
  if (!found) return undefined;
  if (found.version.change === 'deleted') return { version: found.version, page: undefined, html: undefined };
  // Rendered for its title and body only: who may read it was decided by `reader.version`.
  const { page: old, body } = parsePageText({ path: page.path, source: found.source, settings: emptySettings });
  const rendered = await reader.render(old, body);
  return { version: found.version, page: old, html: rendered.html };
}

/** Side-by-side diff of two versions; undefined if either is unknown or hidden. */
export async function diffOf(reader: WikiReader, page: Page, from: string, to: string | undefined, context: number | undefined) {
  return orMissing(() => reader.diff(page.path, from, to, context));
}
