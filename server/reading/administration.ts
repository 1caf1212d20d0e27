/**
 * What the admin pages read: people one page at a time, groups and their members, pending
 * invitations, the audit log and the rights per section. Given only to a viewer who manages
 * people (`people.manage`); every store call is made in that admin's name, so the store checks
 * the actor again.
 */
import { requireCan } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import type { AuditEntry } from '../auth/audit-log.ts';
import type { GroupMember, GroupSummary } from '../auth/groups.ts';
import type { PendingInvitation } from '../auth/invitations.ts';
import type { PeoplePage } from '../auth/people-directory.ts';
import { readAtHead, readHead } from '../git/head.ts';
import { parseRepoSettings, settingsFiles, type SectionAccess } from '../wiki/repo-settings.ts';
import { webhookAdminView, type WebhookAdminView } from '../webhooks/webhook-admin-view.ts';
import type { Sql } from '../store/sql.ts';

/** The accounts operations the admin pages read. */
export interface AdministrationStore {
  findPeople(input: { q?: string; page?: number; size?: number; by: string }): Promise<PeoplePage>;
  listInvitations(input: { by: string }): Promise<PendingInvitation[]>;
  listGroups(): Promise<GroupSummary[]>;
  listMembers(input: { groupId: string; page?: number; size?: number }): Promise<{ items: GroupMember[]; total: number; group: GroupSummary }>;
  listAudit(input: { page?: number; size?: number }): Promise<{ items: AuditEntry[]; total: number }>;
  /** The accounts store (webhooks and their log live there). */
  sql?: Sql;
}

/** The rights per section as the file holds them at the current commit. */
export interface AccessSettingsView {
  /** Commit read: the `baseVersion` of a save. */
  version: string | undefined;
  /** Groups of each section named in the file. */
  sections: Record<string, SectionAccess>;
  /** What is wrong in the file, in French (a broken file locks every section). */
  problems: string[];
}

/** The admin pages' reads (see the module comment). */
export interface Administration {
  /** One page of people matching `q` (name or e-mail), with their groups. */
  people(query: { q?: string; page?: number }): Promise<PeoplePage>;
  /** Unused, unexpired invitations, newest first. */
  invitations(): Promise<PendingInvitation[]>;
  /** Every group with its number of members. */
  groups(): Promise<GroupSummary[]>;
  /** One page of a group's members. */
  members(query: { groupId: string; page?: number }): Promise<{ items: GroupMember[]; total: number; group: GroupSummary }>;
  /** One page of the audit log, newest first. */
  audit(query: { page?: number }): Promise<{ items: AuditEntry[]; total: number }>;
  /** `_gare/acces.yml` at the current commit. */
  accessSettings(): Promise<AccessSettingsView>;
  /** Webhooks and their delivery logs (`/admin/webhooks`). */
  webhooks(): WebhookAdminView;
}

/** Lines per page of every admin list. */
export const adminPageSize = 50;

/** The admin's reads; Unauthenticated / Forbidden for anyone who does not manage people. */
export function administrationFor({ store, dir, viewer }: { store: AdministrationStore; dir: string; viewer: Viewer }): Administration {
  requireCan(viewer, 'people.manage');
  const by = viewer.person?.id ?? '';
  return {
    people: ({ q, page }) => store.findPeople({ by, size: adminPageSize, ...(q === undefined ? {} : { q }), ...(page === undefined ? {} : { page }) }),
    invitations: () => store.listInvitations({ by }),
    groups: () => store.listGroups(),
    members: ({ groupId, page }) => store.listMembers({ groupId, size: adminPageSize, ...(page === undefined ? {} : { page }) }),
    audit: ({ page }) => store.listAudit({ size: adminPageSize, ...(page === undefined ? {} : { page }) }),
    webhooks: () => webhookAdminView(store.sql),
    async accessSettings() {
      const version = await readHead(dir);
      const text = await readAtHead(dir, version, settingsFiles.access);
      const parsed = parseRepoSettings({ access: text });
      const { '*': _locked, ...sections } = parsed.access.sections;
      return { version, sections, problems: parsed.problems.map((p) => p.message) };
    },
  };
}
