/** The merge a save makes with what changed since the edit started, direct or proposed. */
import { InvalidInput } from '../errors.ts';
import { mergeText } from '../git/merge-text.ts';
import { SaveConflict } from './edit-errors.ts';
import { normalizeSource } from './page-source.ts';

/** A commit id as git writes it. */
export const commitIdPattern = /^[0-9a-f]{40}$/;

/** Refuses a save whose starting version is missing or not a commit id. */
export function requireBaseVersion(baseVersion: string): void {
  if (!commitIdPattern.test(baseVersion)) {
    throw new InvalidInput('Version de départ manquante ou illisible : rechargez la page avant de modifier.');
  }
}

/** Options of `mergeEdit`. */
export interface MergeEditOptions {
  /** The file as submitted. */
  mine: string;
  /** The file as it is now. */
  theirs: string;
  /** Commit the edit started from. */
  baseVersion: string;
  /** Commit of the file as it is now. */
  currentVersion: string | undefined;
  /** Reads the file as it was at `baseVersion` (only when something was saved since). */
  readBase: () => Promise<string>;
  /** Names of the sides in conflict markers, when not the defaults. */
  labels?: { theirs?: string } | undefined;
  /** What to tell the person when both sides changed the same places. */
  conflictMessage: string;
}

/** The file to write: mine, or mine merged with changes saved meanwhile; overlapping changes throw SaveConflict. */
export async function mergeEdit(options: MergeEditOptions): Promise<{ final: string; merged: boolean }> {
  const { mine, theirs, currentVersion } = options;
  if (options.baseVersion === currentVersion) return { final: mine, merged: false };
  const current = normalizeSource(theirs);
  const base = normalizeSource(await options.readBase());
  if (base === current) return { final: mine, merged: false };
  const result = mergeText({ base, ours: mine, theirs: current, labels: options.labels });
  if (!result.clean) {
    throw new SaveConflict(options.conflictMessage, { mine, theirs, merged: result.text, currentVersion, conflicts: result.conflicts.length });
  }
  return { final: result.text, merged: result.text !== mine };
}
