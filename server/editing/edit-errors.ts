/** Errors of the editing operations that carry more than a message. */
import { EditConflict, GareError } from '../errors.ts';

/** Both sides of a save that overlaps a change made meanwhile: what the editor shows. */
export interface ConflictDetails {
  /** The file as submitted (front matter + body). */
  mine: string;
  /** The file as it is now. */
  theirs: string;
  /** Merged file with `<<<<<<<` / `=======` / `>>>>>>>` markers where both changed. */
  merged: string;
  /** Commit of the current version: the `baseVersion` of a new attempt. */
  currentVersion: string | undefined;
  /** Number of overlapping places. */
  conflicts: number;
}

/** A save overlaps a change saved meanwhile; nothing was written. */
export class SaveConflict extends EditConflict {
  /** Both sides, for the editor. */
  readonly details: ConflictDetails;
  constructor(message: string, details: ConflictDetails) {
    super(message);
    this.details = details;
  }
}

/** An upload whose content is not one of the accepted file types. */
export class UnsupportedFileType extends GareError {
  override readonly code = 'UnsupportedFileType';
  override readonly status = 415;
}
