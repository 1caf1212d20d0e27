/** The pads of the list page and the home slot: « en cours », « publiés », « archivés ». */
import type { PadSummary } from './pad-server.ts';

/** A pad as the lists show it. */
export interface ListedPad extends PadSummary {
  /** Published, and nobody wrote since the last publication. */
  upToDate: boolean;
}

/** Pads sorted into the three lists. */
export interface PadLists {
  /** Not archived, and never published or changed since publication; most recent first. */
  active: ListedPad[];
  /** Published and unchanged since. */
  published: ListedPad[];
  /** Archived. */
  archived: ListedPad[];
}

/** Options of sortPads. */
export interface SortPadsOptions {
  /** Every pad, from listPads. */
  pads: PadSummary[];
  /** Time (ms) of the last commit of a page, if known. */
  lastChangeOf(path: string): number | undefined;
}

// Git stores commit times in whole seconds: a pad stored in the same second as its publication
// would otherwise look changed since.
const GIT_TIME_SLACK_MS = 1000;

/** Sorts pads into the lists. */
export function sortPads({ pads, lastChangeOf }: SortPadsOptions): PadLists {
  const lists: PadLists = { active: [], published: [], archived: [] };
  for (const pad of pads) {
    const publishedAt = pad.publishedPath ? lastChangeOf(pad.publishedPath) : undefined;
    const upToDate = publishedAt !== undefined && pad.updatedAt < publishedAt + GIT_TIME_SLACK_MS;
    const listed: ListedPad = { ...pad, upToDate };
    if (pad.archived) lists.archived.push(listed);
    else if (upToDate) lists.published.push(listed);
    else lists.active.push(listed);
  }
  return lists;
}

/** Reads an ISO date from the history as ms. */
export function isoToMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
