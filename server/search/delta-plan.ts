/** What the delta bundle of an audience must hold, derived from the change log (never stored). */
import { isVisibleTo, type Audience, type SearchRecord } from './record.ts';

/** The live base bundle of an audience. */
export interface BaseState {
  /** Bundle id (folder name). */
  version: string;
  /** Change sequence number the base was built at: later changes belong to the delta. */
  seq: number;
  /** URLs the base holds. */
  urls: ReadonlySet<string>;
}

/** Contents of the next delta bundle of an audience. */
export interface DeltaPlan {
  /** Records changed since the base that the audience may read. */
  changed: SearchRecord[];
  /** Base URLs that were deleted or are no longer readable by the audience. */
  removed: string[];
}

/** Computes the delta of `audience` against its base from the current records and the last change of each URL. */
export function planDelta(options: {
  audience: Audience;
  base: BaseState;
  records: ReadonlyMap<string, SearchRecord>;
  lastChange: ReadonlyMap<string, number>;
}): DeltaPlan {
  const changed: SearchRecord[] = [];
  const removed: string[] = [];
  for (const [url, seq] of options.lastChange) {
    if (seq <= options.base.seq) continue;
    const record = options.records.get(url);
    if (record && isVisibleTo(record, options.audience)) changed.push(record);
    // Only URLs the base holds are listed: a team page's URL never reaches the public manifest.
    else if (options.base.urls.has(url)) removed.push(url);
  }
  return { changed, removed };
}

/** French labels of the page types present in some records. */
export function typeLabelsOf(records: Iterable<SearchRecord>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const record of records) labels[record.type] ??= record.typeLabel;
  return labels;
}
