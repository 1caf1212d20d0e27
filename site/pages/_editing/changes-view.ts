/** « Dernières modifications »: the filters of the page, read from its query, and the filtered list. */
import { listChanges, type ChangeEntry } from '../../../server/editing/recent-changes.ts';
import { tagKey } from '../../../server/wiki/paths.ts';
import { viewerOf, visibleByPath, type SiteLocals } from '../../lib/visible.ts';
import { readDepsOf } from './editing-context.ts';

/** Periods offered, in days (empty: all). */
export const periods = [
  { value: '', label: 'Depuis le début' },
  { value: '1', label: 'Dernières 24 heures' },
  { value: '7', label: '7 derniers jours' },
  { value: '30', label: '30 derniers jours' },
  { value: '365', label: '12 derniers mois' },
] as const;

/** The filters as typed in the form. */
export interface ChangeFilters {
  /** Person (part of a name). */
  personne: string;
  /** Page type. */
  type: string;
  /** Tag key. */
  etiquette: string;
  /** Days back, or ''. */
  periode: string;
}

/** Reads the filters from the query string (unknown periods are ignored). */
export function filtersOf(url: URL): ChangeFilters {
  const get = (k: string): string => url.searchParams.get(k)?.trim().slice(0, 200) ?? '';
  const periode = get('periode');
  return { personne: get('personne'), type: get('type').toLowerCase(), etiquette: get('etiquette') ? tagKey(get('etiquette')) : '', periode: periods.some((p) => p.value === periode) ? periode : '' };
}

/** Changes matching the filters, newest first, with the version before each change of each page (for « voir les changements »). */
export function changesFor(locals: SiteLocals, filters: ChangeFilters, now: Date, limit = 50) {
  const days = Number(filters.periode);
  const since = filters.periode && days > 0 ? new Date(now.getTime() - days * 86_400_000).toISOString() : undefined;
  const changes = listChanges({
    deps: readDepsOf(locals),
    viewer: viewerOf(locals),
    limit,
    author: filters.personne || undefined,
    type: filters.type || undefined,
    tag: filters.etiquette || undefined,
    since,
  });
  return changes.map((entry) => ({ ...entry, previous: previousVersions(locals, entry) }));
}

/** For each page of a change: the version just before it, when the page still exists and is visible. */
function previousVersions(locals: SiteLocals, entry: ChangeEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of entry.pages) {
    if (!p.exists || !visibleByPath(locals, p.path)) continue;
    const versions = locals.hub.history.historyOf(p.path);
    const at = versions.findIndex((v) => v.oid === entry.oid);
    const before = at >= 0 ? versions[at + 1] : undefined;
    if (before) out[p.path] = before.oid;
  }
  return out;
}

/** People who changed something the viewer may see (for the person field's suggestions). */
export function authorsSeen(locals: SiteLocals): string[] {
  const changes = listChanges({ deps: readDepsOf(locals), viewer: viewerOf(locals), limit: 200 });
  return [...new Set(changes.map((c) => c.author))].sort((a, b) => a.localeCompare(b, 'fr'));
}
