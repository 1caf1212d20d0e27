/** Why an import is refused: each class has a stable `code` and its HTTP status, messages in French. */
import { GareError } from '../errors.ts';

/** The upload is not what its name says (magic bytes, parse failure, unknown format). */
export class WrongFileType extends GareError {
  override readonly code = 'WrongFileType';
  override readonly status = 415;
}

/** A zip that could harm the server: too big once inflated, a path that climbs out, a link, encryption. */
export class UnsafeArchive extends GareError {
  override readonly code = 'UnsafeArchive';
  override readonly status = 422;
}

/** The file was read but holds nothing to import. */
export class NothingToImport extends GareError {
  override readonly code = 'NothingToImport';
  override readonly status = 422;
}

/** A planned page name was taken between the preview and the confirmation. */
export class ImportConflict extends GareError {
  override readonly code = 'ImportConflict';
  override readonly status = 409;
}
