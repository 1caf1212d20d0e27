/** Errors of single sign-on, each with a stable `code`; their messages end up on the login page. */
import { GareError } from '../errors.ts';

/** The login cannot be accepted (bad or replayed state, refused by the provider, unusable claims, e-mail taken). */
export class SsoRefused extends GareError {
  override readonly code = 'SsoRefused';
  override readonly status = 403;
}

/** The provider could not be reached or answered something unusable. */
export class SsoUnavailable extends GareError {
  override readonly code = 'SsoUnavailable';
  override readonly status = 502;
}

/** Single sign-on is not configured, or local passwords are turned off. */
export class LoginMethodDisabled extends GareError {
  override readonly code = 'LoginMethodDisabled';
  override readonly status = 404;
}
