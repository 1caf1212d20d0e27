/** Turns a failed synchronisation into a stable code and a French message saying what to do. */
import { LocalChangesBlocked } from './uncommitted-guard.ts';

/** Why a synchronisation round failed. */
export type SyncErrorCode = 'RemoteUnreachable' | 'AuthRejected' | 'PushRejected' | 'LocalChangesBlocked' | 'SyncFailed';

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The URL without credentials, safe to show. */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'le dépôt distant';
  }
}

function causes(error: unknown): Array<{ code?: unknown; data?: { statusCode?: unknown } }> {
  const out = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    out.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Classifies an error thrown by fetch, merge or push. */
export function describeSyncError(error: unknown, url: string): { code: SyncErrorCode; message: string } {
  const where = publicUrl(url);
  if (error instanceof LocalChangesBlocked) return { code: 'LocalChangesBlocked', message: error.message };
  for (const e of causes(error)) {
    const status = typeof e.data?.statusCode === 'number' ? e.data.statusCode : undefined;
    if (e.code === 'UserCanceledError' || status === 401 || status === 403) {
      return {
        code: 'AuthRejected',
        message: `Le dépôt distant (${where}) refuse le jeton d’accès. Vérifiez le jeton configuré (droits de lecture et d’écriture, date d’expiration) puis relancez.`,
      };
    }
    if ((typeof e.code === 'string' && networkCodes.has(e.code)) || (status !== undefined && status >= 500)) {
      return {
        code: 'RemoteUnreachable',
        message: `Le dépôt distant (${where}) est injoignable pour l’instant. Rien n’est perdu : les modifications restent ici et un nouvel essai est prévu.`,
      };
    }
    if (e.code === 'PushRejected' || e.code === 'PushRejectedError') {
      return {
        code: 'PushRejected',
        message: `Le dépôt distant (${where}) a changé pendant l’envoi. Rien n’est perdu : un nouvel essai fusionnera ses modifications avant de renvoyer.`,
      };
    }
    if (status === 404) {
      return {
        code: 'SyncFailed',
        message: `Le dépôt distant (${where}) est introuvable. Vérifiez l’adresse configurée.`,
      };
    }
  }
  return {
    code: 'SyncFailed',
    message: `La synchronisation avec ${where} a échoué (${error instanceof Error ? error.message : String(error)}). Un nouvel essai est prévu ; si cela persiste, prévenez un·e administrateur·ice.`,
  };
}
