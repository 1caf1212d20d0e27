/**
 * The accounts store: people, one-time links and sessions in one SQLite file of the data dir,
 * outside the content repository. Composition of the operation modules around one connection.
 */
import { openAccountDb } from './account-db.ts';
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
  const directory = createPeopleDirectory({ db });
  const groups = createGroupOps({ db, now });
  const sso = createSsoAccountOps({ db, now });

  return {
    /** The open database, for the hub's other stores kept in the same file (comments, notifications, tokens, webhooks). */
    database: db,
    /** The viewer a person would be if they logged in now (role and groups), for checks made on their behalf; undefined when unknown or deactivated. */
    viewerOf: (personId: string): Viewer | undefined => viewerOfPerson(db, personId),
    createInvitation: links.createInvitation,
    acceptInvitation: links.acceptInvitation,
    createFirstAdminToken: links.createFirstAdminToken,
    createPasswordReset: links.createPasswordReset,
    resetPassword: links.resetPassword,
    listInvitations: links.listInvitations,
    revokeInvitation: links.revokeInvitation,
    findPeople: directory.findPeople,
    /** Records a change made outside this database (a rights commit to `_gare/acces.yml`) in the audit log. */
    recordAudit: (entry: RecordAuditOptions) => recordAudit(db, { at: now(), ...entry }),
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
    listAudit: (input: { page?: number; size?: number }) => listAudit(db, input),
    /** Closes the database file. */
    close(): void {
      db.close();
    },
  };
}

/** The accounts store. */
export type AccountStore = ReturnType<typeof createAccountStore>;
