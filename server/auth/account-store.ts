/**
 * The accounts store: people, one-time links and sessions, outside the content repository — in
 * the data dir's `accounts.sqlite`, or in PostgreSQL shared by several instances (`openStores`).
 * Composition of the operation modules around one `Sql` store.
 */
import { migrateAccounts } from './account-db.ts';
import type { Stores } from '../store/open-stores.ts';
import { createInvitationOps } from './invitations.ts';
import { createPeopleDirectory } from './people-directory.ts';
import { recordAudit, type RecordAuditOptions } from './audit-log.ts';
import { createPeopleOps } from './people.ts';
import { createSessionOps } from './sessions.ts';
import { createGroupOps } from './groups.ts';
import { listAudit } from './audit-log.ts';
import { createSsoAccountOps } from './oidc-accounts.ts';
import { viewerOfPerson } from './person-viewer.ts';
import type { Viewer } from '../access/viewer.ts';

/** Options of `createAccountStore`. */
export interface AccountStoreOptions {
  /** The accounts store from `openStores` (closed by `close()`); its schema is brought up to date here. */
  store: Stores['accounts'];
  /** Clock (epoch ms); tests pass a fixed one. */
  now?: () => number;
  /** Idle lifetime of a session (sliding); 30 days by default. */
  sessionIdleMs?: number;
  /** Absolute lifetime of a session; 365 days by default. */
  sessionMaxLifetimeMs?: number;
}

/** Opens the accounts store (migrating its schema). Call `close()` on shutdown. */
export async function createAccountStore({ store: sql, now = Date.now, sessionIdleMs, sessionMaxLifetimeMs }: AccountStoreOptions) {
  await migrateAccounts(sql);
  const people = createPeopleOps({ sql });
  const sessions = createSessionOps({
    sql,
    now,
    ...(sessionIdleMs === undefined ? {} : { idleMs: sessionIdleMs }),
    ...(sessionMaxLifetimeMs === undefined ? {} : { maxLifetimeMs: sessionMaxLifetimeMs }),
  });
  const links = createInvitationOps({ sql, now, hasAdmin: people.hasAdmin });
  const directory = createPeopleDirectory({ sql });
  const groups = createGroupOps({ sql, now });
  const sso = createSsoAccountOps({ sql, now });

  return {
    /** The store, for the hub's other stores kept beside the accounts (comments, notifications, tokens, webhooks). */
    sql,
    /** The viewer a person would be if they logged in now (role and groups), for checks made on their behalf; undefined when unknown or deactivated. */
    viewerOf: (personId: string): Promise<Viewer | undefined> => viewerOfPerson(sql, personId),
    createInvitation: links.createInvitation,
    acceptInvitation: links.acceptInvitation,
    createFirstAdminToken: links.createFirstAdminToken,
    createPasswordReset: links.createPasswordReset,
    resetPassword: links.resetPassword,
    listInvitations: links.listInvitations,
    revokeInvitation: links.revokeInvitation,
    findPeople: directory.findPeople,
    /** Records a change made outside this database (a rights commit to `_gare/acces.yml`) in the audit log. */
    recordAudit: (entry: RecordAuditOptions) => recordAudit(sql, { at: now(), ...entry }),
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
    sessionIdToken: sessions.sessionIdToken,
    signInWithSso: sso.signInWithSso,
    listGroups: groups.listGroups,
    createGroup: groups.createGroup,
    renameGroup: groups.renameGroup,
    deleteGroup: groups.deleteGroup,
    listMembers: groups.listMembers,
    addMember: groups.addMember,
    removeMember: groups.removeMember,
    groupsOf: groups.groupsOf,
    syncSsoGroups: groups.syncSsoGroups,
    /** One page of the audit log (roles, groups, rights), newest first. */
    listAudit: (input: { page?: number; size?: number }) => listAudit(sql, input),
    /** Closes the store (the file, or this handle on the pool). */
    close: (): Promise<void> => sql.close(),
  };
}

/** The accounts store. */
export type AccountStore = Awaited<ReturnType<typeof createAccountStore>>;
