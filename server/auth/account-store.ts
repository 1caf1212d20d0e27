/**
 * The accounts store: people, one-time links and sessions in one SQLite file of the data dir,
 * outside the content repository. Composition of the operation modules around one connection.
 */
import { openAccountDb } from './account-db.ts';
import { createInvitationOps } from './invitations.ts';
import { createPeopleOps } from './people.ts';
import { createSessionOps } from './sessions.ts';

/** Options of `createAccountStore`. */
export interface AccountStoreOptions {
  /** Path of the SQLite file (created with its folder if missing), or `:memory:`. */
  file: string;
  /** Clock (epoch ms); tests pass a fixed one. */
  now?: () => number;
  /** Idle lifetime of a session (sliding); 30 days by default. */
  sessionIdleMs?: number;
  /** Absolute lifetime of a session; 365 days by default. */
  sessionMaxLifetimeMs?: number;
}

/** Opens the accounts store. Call `close()` on shutdown. */
export function createAccountStore({ file, now = Date.now, sessionIdleMs, sessionMaxLifetimeMs }: AccountStoreOptions) {
  const db = openAccountDb(file);
  const people = createPeopleOps({ db });
  const sessions = createSessionOps({
    db,
    now,
    ...(sessionIdleMs === undefined ? {} : { idleMs: sessionIdleMs }),
    ...(sessionMaxLifetimeMs === undefined ? {} : { maxLifetimeMs: sessionMaxLifetimeMs }),
  });
  const links = createInvitationOps({ db, now, hasAdmin: people.hasAdmin });

  return {
    createInvitation: links.createInvitation,
    acceptInvitation: links.acceptInvitation,
    createFirstAdminToken: links.createFirstAdminToken,
    createPasswordReset: links.createPasswordReset,
    resetPassword: links.resetPassword,
    verifyLogin: people.verifyLogin,
    listPeople: people.listPeople,
    setRole: people.setRole,
    deactivate: people.deactivate,
    reactivate: people.reactivate,
    hasAdmin: people.hasAdmin,
    createSession: sessions.createSession,
    getSession: sessions.getSession,
    deleteSession: sessions.deleteSession,
    deleteAllSessions: sessions.deleteAllSessions,
    /** Closes the database file. */
    close(): void {
      db.close();
    },
  };
}

/** The accounts store. */
export type AccountStore = ReturnType<typeof createAccountStore>;
