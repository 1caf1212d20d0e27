/**
 * Groups of people (« Accompagnement », « Direction des sports »): created and filled by an
 * admin, or by the identity provider's groups claim at each single sign-on. Pages name groups;
 * the gate compares the viewer's group keys (`groupKey`) with them. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { groupKey } from '../access/groups.ts';
import { getPerson, requireActiveAdmin } from './account-db.ts';
import type { Sql } from '../store/sql.ts';
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

async function getGroup(sql: Sql, id: string): Promise<GroupRow> {
  const row = await sql.get<GroupRow>(`${summarySql} WHERE g.id = ?`, [id]);
  if (row === undefined) throw new GroupNotFound('Groupe introuvable : il a peut-être été supprimé. Rechargez la liste des groupes.');
  return row;
}

async function insertGroup(sql: Sql, name: string, fromSso: boolean, now: number): Promise<GroupRow> {
  const id = randomUUID();
  await sql.run('INSERT INTO groups (id, name, key, from_sso, created_at) VALUES (?, ?, ?, ?, ?)', [id, name, groupKey(name), fromSso ? 1 : 0, now]);
  return getGroup(sql, id);
}

/** Keys of the groups a person belongs to, sorted (what `Viewer.groups` holds). */
export async function groupsOf(sql: Sql, personId: string): Promise<string[]> {
  const rows = await sql.all<{ key: string }>('SELECT g.key FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?', [personId]);
  // Sorted here, not by the engine: PostgreSQL's collation may order keys differently from SQLite's bytes.
  return rows.map((r) => r.key).sort();
}

/**
 * Makes the person's memberships given by the identity provider exactly `names` (groups created,
 * marked `from_sso`, when missing); memberships an admin gave stay. Audited only when something
 * changed. Runs in the caller's transaction when there is one (the login's).
 */
export async function syncSsoGroups(sql: Sql, input: { personId: string; names: readonly string[]; by?: string }, now = Date.now()): Promise<{ added: string[]; removed: string[] }> {
  const { personId, names, by } = parseInput(SyncSsoGroupsSchema, input);
  return sql.transaction(async (tx) => {
    const person = await getPerson(tx, personId);
    const wanted = new Map<string, string>();
    for (const raw of names) {
      const name = raw.trim().replace(/^\/+/u, '').slice(0, 80); // Keycloak's full paths start with « / ».
      if (/[\p{L}\p{N}]/u.test(name) && !wanted.has(groupKey(name))) wanted.set(groupKey(name), name);
    }
    const current = await tx.all<{ id: string; key: string; name: string }>("SELECT g.id, g.key, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? AND m.source = 'sso'", [personId]);
    const removed = current.filter((g) => !wanted.has(g.key));
    for (const g of removed) await tx.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', [g.id, personId]);
    const added: string[] = [];
    for (const [key, name] of wanted) {
      const group = (await tx.get<GroupRow>('SELECT * FROM groups WHERE key = ?', [key])) ?? (await insertGroup(tx, name, true, now));
      const inserted = await tx.run("INSERT INTO group_members (group_id, user_id, source, added_at) VALUES (?, ?, 'sso', ?) ON CONFLICT (group_id, user_id) DO NOTHING", [group.id, personId, now]);
      if (inserted.changes > 0) added.push(group.name);
    }
    if (added.length > 0 || removed.length > 0) {
      const detail = [...added.map((n) => `+ ${n}`), ...removed.map((g) => `− ${g.name}`)].join(', ');
      await recordAudit(tx, { actor: by ?? personId, action: 'group.sso.sync', target: person.name, detail: `connexion unique : ${detail}`, at: now });
    }
    return { added, removed: removed.map((g) => g.name) };
  });
}

/** Group operations over the accounts database; every change needs an active admin (`by`). */
export function createGroupOps({ sql, now }: { sql: Sql; now: () => number }) {
  async function requireFreeName(tx: Sql, name: string, exceptId: string): Promise<void> {
    const other = await tx.get<{ name: string }>('SELECT name FROM groups WHERE key = ? AND id <> ?', [groupKey(name), exceptId]);
    if (other !== undefined) throw new GroupNameTaken(takenMessage(other.name));
  }

  return {
    /** Every group with its number of members, sorted by name. */
    async listGroups(): Promise<GroupSummary[]> {
      return (await sql.all<GroupRow>(`${summarySql} ORDER BY lower(g.name)`)).map(toSummary);
    },

    /** Creates a group; refuses a name whose key another group has (GroupNameTaken). */
    async createGroup(input: { name: string; by: string }): Promise<GroupSummary> {
      const { name, by } = parseInput(CreateGroupSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        await requireFreeName(tx, name, '');
        const group = await insertGroup(tx, name, false, now());
        await recordAudit(tx, { actor: by, action: 'group.create', target: name, at: now() });
        return toSummary(group);
      });
    },

    /** Renames a group; its key follows, so pages naming the old name stop matching (closed, not open). */
    async renameGroup(input: { groupId: string; name: string; by: string }): Promise<GroupSummary> {
      const { groupId, name, by } = parseInput(RenameGroupSchema, input);
      return sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const before = await getGroup(tx, groupId);
        await requireFreeName(tx, name, groupId);
        await tx.run('UPDATE groups SET name = ?, key = ? WHERE id = ?', [name, groupKey(name), groupId]);
        await recordAudit(tx, { actor: by, action: 'group.rename', target: name, detail: `${before.name} → ${name}`, at: now() });
        return toSummary(await getGroup(tx, groupId));
      });
    },

    /** Deletes a group and its memberships (pages naming it are then readable by admins only). */
    async deleteGroup(input: { groupId: string; by: string }): Promise<void> {
      const { groupId, by } = parseInput(DeleteGroupSchema, input);
      await sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const group = await getGroup(tx, groupId);
        await tx.run('DELETE FROM groups WHERE id = ?', [groupId]);
        await recordAudit(tx, { actor: by, action: 'group.delete', target: group.name, detail: `${group.members} membre(s)`, at: now() });
      });
    },

    /** One page of a group's members, sorted by name, and how many there are in all. */
    async listMembers(input: { groupId: string; page?: number; size?: number }): Promise<{ items: GroupMember[]; total: number; group: GroupSummary }> {
      const { groupId, page, size } = parseInput(ListMembersSchema, input);
      const group = await getGroup(sql, groupId);
      const items = await sql.all<GroupMember>(
        'SELECT p.id, p.name, p.email, m.source FROM group_members m JOIN people p ON p.id = m.user_id WHERE m.group_id = ? ORDER BY lower(p.name), p.email LIMIT ? OFFSET ?',
        [groupId, size, (page - 1) * size],
      );
      return { items: items.map((m) => ({ ...m })), total: Number(group.members), group: toSummary(group) };
    },

    /** Adds a person to a group (an admin's membership: single sign-on will not remove it). */
    async addMember(input: { groupId: string; userId: string; by: string }): Promise<void> {
      const { groupId, userId, by } = parseInput(MemberSchema, input);
      await sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const group = await getGroup(tx, groupId);
        const person = await getPerson(tx, userId);
        const changed = await tx.run(
          "INSERT INTO group_members (group_id, user_id, source, added_at) VALUES (?, ?, 'admin', ?) ON CONFLICT (group_id, user_id) DO UPDATE SET source = 'admin' WHERE group_members.source <> 'admin'",
          [groupId, userId, now()],
        );
        if (changed.changes > 0) await recordAudit(tx, { actor: by, action: 'group.member.add', target: group.name, detail: person.name, at: now() });
      });
    },

    /** Removes a person from a group (whoever put them there). */
    async removeMember(input: { groupId: string; userId: string; by: string }): Promise<void> {
      const { groupId, userId, by } = parseInput(MemberSchema, input);
      await sql.transaction(async (tx) => {
        await requireActiveAdmin(tx, by);
        const group = await getGroup(tx, groupId);
        const person = await getPerson(tx, userId);
        const changed = await tx.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', [groupId, userId]);
        if (changed.changes > 0) await recordAudit(tx, { actor: by, action: 'group.member.remove', target: group.name, detail: person.name, at: now() });
      });
    },

    /** Keys of the groups a person belongs to. */
    groupsOf: (personId: string): Promise<string[]> => groupsOf(sql, personId),

    /** See `syncSsoGroups`. */
    syncSsoGroups: (input: { personId: string; names: readonly string[]; by?: string }) => syncSsoGroups(sql, input, now()),
  };
}

/** The group operations. */
export type GroupOps = ReturnType<typeof createGroupOps>;
