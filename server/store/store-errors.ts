/** Failures of the shared store that a person can act on, in French, with the driver's error as `cause`. */
import { GareError } from '../errors.ts';

/** The database cannot be reached or refuses the connection: the request may succeed later. */
export class StoreUnavailable extends GareError {
  override readonly code = 'StoreUnavailable';
  override readonly status = 503;
}

/** `GARE_DATABASE_URL` is not a PostgreSQL address. */
export class InvalidDatabaseUrl extends GareError {
  override readonly code = 'InvalidDatabaseUrl';
}

// Codes of the network layer (Node) and of PostgreSQL (SQLSTATE) that mean "not connected", with what to do.
const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);
const cut = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const refused = new Set(['28P01', '28000']);

/**
 * The French error for a failure to talk to PostgreSQL, or undefined when it is a statement's own
 * error (constraint, syntax), which callers handle by its SQLSTATE `code`. The host is left out of
 * the message, which may reach a visitor as a 503; it is in `cause` for the logs.
 */
export function describePostgresFailure(error: unknown): StoreUnavailable | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if ((typeof code === 'string' && unreachable.has(code)) || /timeout exceeded when trying to connect/i.test(message)) {
    return new StoreUnavailable('La base PostgreSQL est injoignable : vérifiez que le serveur est démarré et que GARE_DATABASE_URL donne le bon hôte et le bon port.', { cause: error });
  }
  if (typeof code === 'string' && refused.has(code)) {
    return new StoreUnavailable('PostgreSQL refuse la connexion : vérifiez l’utilisateur et le mot de passe de GARE_DATABASE_URL.', { cause: error });
  }
  if (code === '3D000') {
    return new StoreUnavailable('La base de données nommée dans GARE_DATABASE_URL n’existe pas : créez-la (createdb) ou corrigez son nom.', { cause: error });
  }
  if ((typeof code === 'string' && cut.has(code)) || /Connection terminated|Client has encountered a connection error/i.test(message)) {
    return new StoreUnavailable('La connexion à PostgreSQL a été coupée (le serveur redémarre peut-être) : réessayez dans un instant.', { cause: error });
  }
  return undefined;
}

/** The database URL with its password removed, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new InvalidDatabaseUrl('GARE_DATABASE_URL n’est pas une adresse valide : écrivez-la comme postgres://utilisateur:motdepasse@hôte:5432/base.', { cause });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InvalidDatabaseUrl(`GARE_DATABASE_URL doit commencer par postgres:// (reçu « ${parsed.protocol}// ») : écrivez-la comme postgres://utilisateur:motdepasse@hôte:5432/base.`);
  }
  if (parsed.password !== '') parsed.password = '';
  parsed.searchParams.delete('password');
  return parsed.toString();
}
