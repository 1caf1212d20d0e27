/** Errors of accounts and sessions, each with a stable `code` (tests and HTTP mapping use it). */
import { GareError } from '../errors.ts';

/** The password does not meet the rules (length, not the e-mail or the name…). */
export class WeakPassword extends GareError {
  override readonly code = 'WeakPassword';
  override readonly status = 400;
}

/** The e-mail or the password is wrong; never says which, so e-mails cannot be probed. */
export class InvalidCredentials extends GareError {
  override readonly code = 'InvalidCredentials';
  override readonly status = 401;
}

/** The account was deactivated by an admin. */
export class AccountDeactivated extends GareError {
  override readonly code = 'AccountDeactivated';
  override readonly status = 403;
}

/** The invitation or reset link is past its date. */
export class InvitationExpired extends GareError {
  override readonly code = 'InvitationExpired';
  override readonly status = 410;
}

/** The invitation or reset link is unknown or was already used. */
export class InvalidToken extends GareError {
  override readonly code = 'InvalidToken';
  override readonly status = 404;
}

/** Another account already uses this e-mail. */
export class EmailTaken extends GareError {
  override readonly code = 'EmailTaken';
  override readonly status = 409;
}

/** No such account. */
export class PersonNotFound extends GareError {
  override readonly code = 'PersonNotFound';
  override readonly status = 404;
}

/** The change would leave the hub without any active admin. */
export class LastAdmin extends GareError {
  override readonly code = 'LastAdmin';
  override readonly status = 409;
}
