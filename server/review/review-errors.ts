/** Errors of the review of contributions, each with a stable code. */
import { EditConflict, GareError } from '../errors.ts';

/** No proposal with this id, or one the viewer may not see (answered the same way). */
export class ProposalNotFound extends GareError {
  override readonly code = 'ProposalNotFound';
  override readonly status = 404;
}

/** The proposal was already accepted or rejected, or changed while being decided. */
export class ProposalDecided extends GareError {
  override readonly code = 'ProposalDecided';
  override readonly status = 409;
}

/** Both sides of a proposal that overlaps a change made on main since it was written. */
export interface ProposalConflictDetails {
  /** The file as proposed. */
  proposed: string;
  /** The file as it is on main now (empty when the page is gone). */
  current: string;
  /** Merged file with conflict markers where both changed. */
  merged: string;
  /** Main commit compared with. */
  currentVersion: string | undefined;
  /** Number of overlapping places. */
  conflicts: number;
}

/** Accepting would overwrite a change made on main meanwhile; nothing was written, the proposal stays. */
export class ProposalConflict extends EditConflict {
  /** Both sides, for the review page. */
  readonly details: ProposalConflictDetails;
  constructor(message: string, details: ProposalConflictDetails) {
    super(message);
    this.details = details;
  }
}
