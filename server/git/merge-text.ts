/** Three-way line merge: an edit started from an old version joins the current one when they do not overlap. */
import { diff3Merge } from 'node-diff3';

/** One place where both sides changed the same lines differently. */
export interface MergeConflict {
  /** Our lines there (the edit being saved). */
  ours: string;
  /** Their lines there (the version saved meanwhile). */
  theirs: string;
  /** The lines both started from. */
  base: string;
}

/** Result of `mergeText`: the merged text, or a text with conflict markers and the conflicts. */
export type MergeTextResult =
  | { clean: true; text: string }
  | { clean: false; text: string; conflicts: MergeConflict[] };

/** Options of `mergeText`. */
export interface MergeTextOptions {
  /** Common ancestor. */
  base: string;
  /** Our version (derived from base). */
  ours: string;
  /** Their version (derived from base). */
  theirs: string;
  /** Words written after the conflict markers, for the person who resolves them. */
  labels?: { ours?: string; theirs?: string } | undefined;
}

/** Merges `ours` and `theirs` line by line against `base`; identical changes on both sides are not conflicts. */
export function mergeText(options: MergeTextOptions): MergeTextResult {
  const { base, ours, theirs } = options;
  const oursLabel = options.labels?.ours ?? 'votre version';
  const theirsLabel = options.labels?.theirs ?? 'version enregistrée entre-temps';
  if (ours === theirs) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };
  if (theirs === base) return { clean: true, text: ours };
  const regions = diff3Merge(ours.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  const lines: string[] = [];
  const conflicts: MergeConflict[] = [];
  for (const region of regions) {
    if (region.ok) lines.push(...region.ok);
    else if (region.conflict) {
      const { a, b, o } = region.conflict;
      conflicts.push({ ours: a.join('\n'), theirs: b.join('\n'), base: o.join('\n') });
      lines.push(`<<<<<<< ${oursLabel}`, ...a, '=======', ...b, `>>>>>>> ${theirsLabel}`);
    }
  }
  const text = lines.join('\n');
  return conflicts.length === 0 ? { clean: true, text } : { clean: false, text, conflicts };
}
