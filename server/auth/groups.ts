/**
 * Groups of people (« Accompagnement », « Direction des sports »): created and filled by an
 * admin, or by the identity provider's groups claim at each single sign-on. Pages name groups;
 * the gate compares the viewer's group keys (`groupKey`) with them. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { groupKey } from '../access/groups.ts';
import { getPerson, requireActiveAdmin, transaction } from './account-db.ts';
import { recordAudit } from './audit-log.ts';
import { parseInput } from './parse-input.ts';
import {
  CreateGroupSchema, DeleteGroupSchema, GroupNameTaken, GroupNotFound, ListMembersSchema, MemberSchema, RenameGroupSchema, SyncSsoGroupsSchema,
} from './group-schemas.ts';

/** A group as the admin's list shows it. */
export interface GroupSummary {
  /** Stable id. */
  id: string;
  /** Name as people write it in pages and `_gare/acces.yml`. */
  name: string;
  /** `groupKey(name)`: what the gate compares. */
  key: string;
  /** True when the identity provider created it. */
  fromSso: boolean;
  /** Number of members. */
  members: number;
}

/** A member of a group. */
export interface GroupMember {
  /** Account id. */
  id: string;
  /** Display name. */
  name: string;
  /** E-mail. */
  email: string;
  /** Who put them there: an admin, or the identity provider. */
  source: 'admin' | 'sso';
}

interface GroupRow { id: string; name: string; key: string; from_sso: number; members: number }

const toSummary = (r: GroupRow): GroupSummary => ({ id: r.id, name: r.name, key: r.key, fromSso: r.from_sso === 1, members: Number(r.members) });
const summarySql = 'SELECT g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS members FROM groups g';
const takenMessage = (name: string): string => `Un groupe porte déjà ce nom (ou presque : « ${name} »). Choisissez un autre nom, ou ajoutez les personnes à ce groupe.`;

function getGroup(db: DatabaseSync, id: string): GroupRow {
  const row = db.prepare(`${summarySql} WHERE g.id = ?`).get(id) as GroupRow | undefined;
  if (row === undefined) throw new GroupNotFound('Groupe introuvable : il a peut-être été supprimé. Rechargez la liste des groupes.');
  return row;
}

function insertGroup(db: DatabaseSync, name: string, fromSso: boolean, now: number): GroupRow {
  const id = randomUUID();
  db.prepare('INSERT INTO groups (id, name, key, from_sso, created_at) VALUES (?, ?, ?, ?, ?)').run(id, name, groupKey(name), fromSso ? 1 : 0, now);
  return getGroup(db, id);
}

/** Keys of the groups a person belongs to, sorted (what `Viewer.groups` holds). */
export function groupsOf(db: DatabaseSync, personId: string): string[] {
  const rows = db.prepare('SELECT g.key FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.key').all(personId) as { key: string }[];
  return rows.map((r) => r.key);
}

/**
 * Makes the person's memberships given by the identity provider exactly `names` (groups created,
 * marked `from_sso`, when missing); memberships an admin gave stay. Audited only when something
 * changed. Runs in the caller's transaction when there is one (the login's).
 */
export function syncSsoGroups(db: DatabaseSync, input: { personId: string; names: readonly string[]; by?: string }, now = Date.now()): { added: string[]; removed: string[] } {
  const { personId, names, by } = parseInput(SyncSsoGroupsSchema, input);
  const run = (): { added: string[]; removed: string[] } => {
    const person = getPerson(db, personId);
    const wanted = new Map<string, string>();
    for (const raw of names) {
      const name = raw.trim().replace(/^\/+/u, '').slice(0, 80); // Keycloak's full paths start with « / ».
      if (/[\p{L}\p{N}]/u.test(name) && !wanted.has(groupKey(name))) wanted.set(groupKey(name), name);
    }
    const current = db.prepare("SELECT g.id, g.key, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? AND m.source = 'sso'").all(personId) as { id: string; key: string; name: string }[];
    const removed = current.filter((g) => !wanted.has(g.key));
    for (const g of removed) db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(g.id, personId);
    const added: string[] = [];
    for (const [key, name] of wanted) {
      const group = (db.prepare('SELECT * FROM groups WHERE key = ?').get(key) as GroupRow | undefined) ?? insertGroup(db, name, true, now);
      const inserted = db.prepare("INSERT OR IGNORE INTO group_members (group_id, user_id, source, added_at) VALUES (?, ?, 'sso', ?)").run(group.id, personId, now);
      if (Number(inserted.changes) > 0) added.push(group.name);
    }
    if (added.length > 0 || removed.length > 0) {
      const detail = [...added.map((n) => `+ ${n}`), ...removed.map((g) => `− ${g.name}`)].join(', ');
      recordAudit(db, { actor: by ?? personId, action: 'group.sso.sync', target: person.name, detail: `connexion unique : ${detail}`, at: now });
    }
    return { added, removed: removed.map((g) => g.name) };
  };
  return db.isTransaction ? run() : transaction(db, run);
}

/** Group operations over the accounts database; every change needs an active admin (`by`). */
export function createGroupOps({ db, now }: { db: DatabaseSync; now: () => number }) {
  function requireFreeName(name: string, exceptId: string): void {
    const other = db.prepare('SELECT name FROM groups WHERE key = ? AND id <> ?').get(groupKey(name), exceptId) as { name: string } | undefined;
    if (other !== undefined) throw new GroupNameTaken(takenMessage(other.name));
  }

  return {
    /** Every group with its number of members, sorted by name. */
    listGroups(): GroupSummary[] {
      return (db.prepare(`${summarySql} ORDER BY g.name COLLATE NOCASE`).all() as unknown as GroupRow[]).map(toSummary);
    },

    /** Creates a group; refuses a name whose key another group has (GroupNameTaken). */
    createGroup(input: { name: string; by: string }): GroupSummary {
      const { name, by } = parseInput(CreateGroupSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        requireFreeName(name, '');
        const group = insertGroup(db, name, false, now());
        recordAudit(db, { actor: by, action: 'group.create', target: name, at: now() });
        return toSummary(group);
      });
    },

    /** Renames a group; its key follows, so pages naming the old name stop matching (closed, not open). */
    renameGroup(input: { groupId: string; name: string; by: string }): GroupSummary {
      const { groupId, name, by } = parseInput(RenameGroupSchema, input);
      return transaction(db, () => {
        requireActiveAdmin(db, by);
        const before = getGroup(db, groupId);
        requireFreeName(name, groupId);
        db.prepare('UPDATE groups SET name = ?, key = ? WHERE id = ?').run(name, groupKey(name), groupId);
        recordAudit(db, { actor: by, action: 'group.rename', target: name, detail: `${before.name} → ${name}`, at: now() });
        return toSummary(getGroup(db, groupId));
      });
    },

    /** Deletes a group and its memberships (pages naming it are then readable by admins only). */
    deleteGroup(input: { groupId: string; by: string }): void {
      const { groupId, by } = parseInput(DeleteGroupSchema, input);
      transaction(db, () => {
        requireActiveAdmin(db, by);
        const group = getGroup(db, groupId);
        db.prepare('DELETE FROM groups WHERE id = ?').run(groupId);
        recordAudit(db, { actor: by, action: 'group.delete', target: group.name, detail: `${group.members} membre(s)`, at: now() });
      });
    },

    /** One page of a group's members, sorted by name, and how many there are in all. */
    listMembers(input: { groupId: string; page?: number; size?: number }): { items: GroupMember[]; total: number; group: GroupSummary } {
      const { groupId, page, size } = parseInput(ListMembersSchema, input);
      const group = getGroup(db, groupId);
      const items = db.prepare(
        'SELECT p.id, p.name, p.email, m.source FROM group_members m JOIN people p ON p.id = m.user_id WHERE m.group_id = ? ORDER BY p.name COLLATE NOCASE, p.email LIMIT ? OFFSET ?',
      ).all(groupId, size, (page - 1) * size) as unknown as GroupMember[];
      return { items: items.map((m) => ({ ...m })), total: Number(group.members), group: toSummary(group) };
    },

    /** Adds a person to a group (an admin's membership: single sign-on will not remove it). */
    addMember(input: { groupId: string; userId: string; by: string }): void {
      const { groupId, userId, by } = parseInput(MemberSchema, input);
      transaction(db, () => {
        requireActiveAdmin(db, by);
        const group = getGroup(db, groupId);
        const person = getPerson(db, userId);
        const changed = db.prepare("INSERT INTO group_members (group_id, user_id, source, added_at) VALUES (?, ?, 'admin', ?) ON CONFLICT DO UPDATE SET source = 'admin' WHERE source <> 'admin'").run(groupId, userId, now());
        if (Number(changed.changes) > 0) recordAudit(db, { actor: by, action: 'group.member.add', target: group.name, detail: person.name, at: now() });
      });
    },

    /** Removes a person from a group (whoever put them there). */
    removeMember(input: { groupId: string; userId: string; by: string }): void {
      const { groupId, userId, by } = parseInput(MemberSchema, input);
      transaction(db, () => {
        requireActiveAdmin(db, by);
        const group = getGroup(db, groupId);
        const person = getPerson(db, userId);
        const changed = db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
        if (Number(changed.changes) > 0) recordAudit(db, { actor: by, action: 'group.member.remove', target: group.name, detail: person.name, at: now() });
      });
    },

    /** Keys of the groups a person belongs to. */
    groupsOf: (personId: string): string[] => groupsOf(db, personId),

    /** See `syncSsoGroups`. */
    syncSsoGroups: (input: { personId: string; names: readonly string[]; by?: string }) => syncSsoGroups(db, input, now()),
  };
}

/** The group operations. */
export type GroupOps = ReturnType<typeof createGroupOps>;
