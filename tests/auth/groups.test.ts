import { describe, expect, test } from 'vitest';
import { groupKey, inAnyGroup } from '../../server/access/groups.ts';
import { lockedGroup } from '../../server/wiki/repo-settings.ts';
import { addPerson, useTestStore } from './helpers.ts';

const t = useTestStore();

describe('group keys', () => {
  test.each([
    ['Accompagnement', 'accompagnement'],
    ['  Direction des Sports ', 'direction-des-sports'],
    ['Équipe d’accueil', 'equipe-d-accueil'],
  ])('%s has the key %s', (name, key) => {
    expect(groupKey(name)).toBe(key);
  });

  test('the lock of a broken acces.yml is a key nobody can hold', () => {
    expect(groupKey(lockedGroup)).toBe(lockedGroup);
    expect(inAnyGroup(['acces-illisible'], [lockedGroup])).toBe(false);
  });
});

describe('groups in the accounts store', () => {
  test('an admin creates a group, adds members and the session carries their keys', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const group = t.store.createGroup({ name: 'Direction des sports', by: t.adminId });
    expect(group).toMatchObject({ name: 'Direction des sports', key: 'direction-des-sports', members: 0, fromSso: false });
    t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    expect(t.store.listGroups()).toEqual([{ ...group, members: 1 }]);
    expect(t.store.groupsOf(bob.person.id)).toEqual(['direction-des-sports']);
    const session = t.store.createSession({ userId: bob.person.id });
    expect(t.store.getSession(session.sessionId)?.groups).toEqual(['direction-des-sports']);
    t.store.removeMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    expect(t.store.getSession(session.sessionId)?.groups).toEqual([]);
  });

  test('a name that folds to an existing key is refused', () => {
    t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    expect(() => t.store.createGroup({ name: 'ACCOMPAGNEMENT ', by: t.adminId })).toThrow(expect.objectContaining({ code: 'GroupNameTaken' }));
    expect(() => t.store.createGroup({ name: ' — ', by: t.adminId })).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
  });

  test('only an active admin changes groups', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    expect(() => t.store.createGroup({ name: 'Accompagnement', by: bob.person.id })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    const group = t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    expect(() => t.store.addMember({ groupId: group.id, userId: bob.person.id, by: bob.person.id })).toThrow(expect.objectContaining({ code: 'Forbidden' }));
    expect(() => t.store.deleteGroup({ groupId: 'nope', by: t.adminId })).toThrow(expect.objectContaining({ code: 'GroupNotFound' }));
  });

  test('members are listed by pages', async () => {
    const group = t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    for (const [name, email] of [['Chloé', 'chloe'], ['Bob', 'bob'], ['Denis', 'denis']] as const) {
      const p = await addPerson(t, 'contributeur', name, `${email}@exemple.fr`);
      t.store.addMember({ groupId: group.id, userId: p.person.id, by: t.adminId });
    }
    const first = t.store.listMembers({ groupId: group.id, page: 1, size: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((m) => m.name)).toEqual(['Bob', 'Chloé']);
    expect(t.store.listMembers({ groupId: group.id, page: 2, size: 2 }).items.map((m) => m.name)).toEqual(['Denis']);
  });

  test('single sign-on makes the provider’s memberships exactly its claim, and leaves an admin’s alone', async () => {
    const bob = await addPerson(t, 'contributeur', 'Bob', 'bob@exemple.fr');
    const kept = t.store.createGroup({ name: 'Accueil', by: t.adminId });
    t.store.addMember({ groupId: kept.id, userId: bob.person.id, by: t.adminId });
    t.store.syncSsoGroups({ personId: bob.person.id, names: ['/Accompagnement', 'Sports', 'sports'] });
    expect(t.store.groupsOf(bob.person.id)).toEqual(['accompagnement', 'accueil', 'sports']);
    expect(t.store.listGroups().find((g) => g.key === 'sports')?.fromSso).toBe(true);
    t.store.syncSsoGroups({ personId: bob.person.id, names: ['Sports'] });
    expect(t.store.groupsOf(bob.person.id)).toEqual(['accueil', 'sports']);
    const before = t.store.listAudit({}).total;
    t.store.syncSsoGroups({ personId: bob.person.id, names: ['Sports'] });
    expect(t.store.listAudit({}).total).toBe(before);
  });

  test('roles and groups changes are in the audit log, newest first', async () => {
    const bob = await addPerson(t, 'contributeur', 'Bob', 'bob@exemple.fr');
    t.store.setRole({ userId: bob.person.id, role: 'equipe', by: t.adminId });
    const group = t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    t.store.renameGroup({ groupId: group.id, name: 'Suivi', by: t.adminId });
    t.store.deleteGroup({ groupId: group.id, by: t.adminId });
    const items = t.store.listAudit({ page: 1, size: 10 }).items.filter((e) => !e.action.startsWith('invitation.'));
    expect(items.map((e) => [e.action, e.target, e.detail, e.actorName])).toEqual([
      ['group.delete', 'Suivi', '0 membre(s)', 'Alice Admin'],
      ['group.rename', 'Suivi', 'Accompagnement → Suivi', 'Alice Admin'],
      ['group.create', 'Accompagnement', '', 'Alice Admin'],
      ['role.set', 'Bob', 'contributeur → equipe', 'Alice Admin'],
    ]);
  });
});
