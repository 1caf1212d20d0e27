/** « Dernières modifications »: the filters of the page, read from its query, and the filtered list. */
import type { ChangeEntry } from '../../../server/reading/recent-changes.ts';
import type { WikiReader } from '../../../server/reading/wiki-reader.ts';
import { tagKey } from '../../../server/wiki/paths.ts';

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
export function changesFor(reader: WikiReader, filters: ChangeFilters, now: Date, limit = 50) {
  const days = Number(filters.periode);
  const since = filters.periode && days > 0 ? new Date(now.getTime() - days * 86_400_000).toISOString() : undefined;
  const changes = reader.changes({
    limit,
    author: filters.personne || undefined,
    type: filters.type || undefined,
    tag: filters.etiquette || undefined,
    since,
  });
  return changes.map((entry) => ({ ...entry, previous: previousVersions(reader, entry) }));
}

/** For each page of a change: the version just before it, when the page still exists and is visible. */
function previousVersions(reader: WikiReader, entry: ChangeEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of entry.pages) {
    const page = p.exists ? reader.pageAt(p.path) : undefined;
    const before = page ? reader.versionBefore(page, entry.oid) : undefined;
    if (before) out[p.path] = before;
  }
  return out;
}

/** People who changed something the viewer may see (for the person field's suggestions). */
export function authorsSeen(reader: WikiReader): string[] {
  const changes = reader.changes({ limit: 200 });
  return [...new Set(changes.map((c) => c.author))].sort((a, b) => a.localeCompare(b, 'fr'));
}
