/** Login with brute-force limits: per e-mail and address, and per address alone. */
import { TooManyRequests } from '../errors.ts';
import type { AccountStore } from './account-store.ts';
import type { Account } from './people.ts';
import { createRateLimiter, type RateLimiter, type RateVerdict } from './rate-limit.ts';
import type { IssuedSession } from './sessions.ts';

/** Options of `createLogin`. */
export interface LoginOptions {
  /** The accounts store. */
  store: AccountStore;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Failed attempts allowed for one e-mail from one address. */
  perAccount?: { max: number; windowMs: number };
  /** Failed attempts allowed from one address, all e-mails together (generous: a town hall shares one address). */
  perIp?: { max: number; windowMs: number };
}

/** A successful login: the account and its brand-new session. */
export interface LoginResult extends Account {
  /** Fresh session to set as cookie; never one the browser brought. */
  session: IssuedSession;
}

const quarter = 15 * 60 * 1000;

function refuse(verdict: RateVerdict): never {
  const minutes = Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000));
  throw new TooManyRequests(`Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou demandez un lien de réinitialisation à un·e administrateur·ice.`);
}

/** Creates the login operation; the counters live in the accounts store, shared by every instance. */
export function createLogin({ store, now = Date.now, perAccount = { max: 5, windowMs: quarter }, perIp = { max: 50, windowMs: quarter } }: LoginOptions) {
  const byAccount: RateLimiter = createRateLimiter({ sql: store.sql, scope: 'account', ...perAccount, now });
  const byIp: RateLimiter = createRateLimiter({ sql: store.sql, scope: 'ip', ...perIp, now });

  return {
    /**
     * Checks the credentials and opens a fresh session. Throws TooManyRequests past the limits,
     * InvalidCredentials, AccountDeactivated. `previousSessionId` (the cookie the browser had) is ended.
     */
    async login(input: { email: string; password: string; ip: string; userAgent?: string; previousSessionId?: string }): Promise<LoginResult> {
      const accountKey = `${input.email.trim().toLowerCase()}\n${input.ip}`;
      // Counted before scrypt runs, in one transaction, so a burst of parallel guesses (on any
      // instance) cannot all slip past the check.
      await store.sql.transaction(async (tx) => {
        const ipVerdict = await byIp.check(input.ip, tx);
        if (!ipVerdict.allowed) refuse(ipVerdict);
        const accountVerdict = await byAccount.hit(accountKey, tx);
        if (!accountVerdict.allowed) refuse(accountVerdict);
        await byIp.hit(input.ip, tx);
      });
      const account = await store.verifyLogin({ email: input.email, password: input.password });
      // A success clears this e-mail's failures and does not count against a shared address.
      await byAccount.reset(accountKey);
      await byIp.forgive(input.ip);
      if (input.previousSessionId !== undefined) await store.deleteSession(input.previousSessionId);
      const session = await store.createSession({ userId: account.person.id, ...(input.userAgent === undefined ? {} : { userAgent: input.userAgent.slice(0, 500) }) });
      return { ...account, session };
    },
  };
}

/** The login operation. */
export type Login = ReturnType<typeof createLogin>;
