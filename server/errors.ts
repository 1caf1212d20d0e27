/** Errors with a stable `code`, mapped once to HTTP statuses and WebSocket close codes. */

/** Base class: `code` is stable (tests assert it), `message` is for a person and says what to do. */
export class GareError extends Error {
  /** Stable machine-readable code. */
  readonly code: string = 'gare:error';
  /** HTTP status this error maps to. */
  readonly status: number = 500;
}

/** The page (or attachment) does not exist — or the viewer may not know that it exists. */
export class PageNotFound extends GareError {
  override readonly code = 'PageNotFound';
  override readonly status = 404;
}

/** A name or path given by a request is not acceptable. */
export class InvalidSlug extends GareError {
  override readonly code = 'InvalidSlug';
  override readonly status = 400;
}

/** A request body or parameter is malformed. */
export class InvalidInput extends GareError {
  override readonly code = 'InvalidInput';
  override readonly status = 400;
}

/** The page changed since the edit started and the changes overlap. */
export class EditConflict extends GareError {
  override readonly code = 'EditConflict';
  override readonly status = 409;
}

/** The viewer is not logged in. */
export class Unauthenticated extends GareError {
  override readonly code = 'Unauthenticated';
  override readonly status = 401;
}

/** The viewer is logged in but may not do this. */
export class Forbidden extends GareError {
  override readonly code = 'Forbidden';
  override readonly status = 403;
}

/** The request body or upload is larger than allowed. */
export class PayloadTooLarge extends GareError {
  override readonly code = 'PayloadTooLarge';
  override readonly status = 413;
}

/** Too many attempts in a short time. */
export class TooManyRequests extends GareError {
  override readonly code = 'TooManyRequests';
  override readonly status = 429;
}

/** A service the hub depends on (the shared repository, the database) cannot be reached now. */
export class ServiceUnavailable extends GareError {
  override readonly code = 'ServiceUnavailable';
  override readonly status = 503;
}

/** The configuration is invalid: one clear line, exit code 2. */
export class ConfigError extends GareError {
  override readonly code = 'ConfigError';
}

/** The port is taken (often by a Gare centrale already running): one clear line, exit code 2. */
export class PortInUse extends GareError {
  override readonly code = 'PortInUse';
}

/** Maps any thrown value to an HTTP status and a public message that never leaks internals. */
export function toHttpError(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof GareError) return { status: error.status, code: error.code, message: error.message };
  return {
    status: 500,
    code: 'InternalError',
    message: 'Erreur interne du serveur. Réessayez ; si cela persiste, prévenez un·e administrateur·ice.',
  };
}

/** WebSocket close codes (4000–4999 are free for applications). */
export const wsCloseCodes: Record<string, number> = {
  Unauthenticated: 4401,
  Forbidden: 4403,
  PageNotFound: 4404,
  InvalidInput: 4400,
  PayloadTooLarge: 1009,
  TooManyRequests: 4429,
};
