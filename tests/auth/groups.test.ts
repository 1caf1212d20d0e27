import { describe, expect, test } from 'vitest';
import { groupKey, inAnyGroup } from '../../server/access/groups.ts';
import { lockedGroup } from '../../server/wiki/repo-settings.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { addPerson, useTestStore } from './helpers.ts';

describe('group keys', () => {
  test.each([
    ['Accompagnement', 'accompagnement'],
    ['  Direction des Sports ', 'direction-des-sports'],
    ['Équipe d’accueil', 'equipe-d-accueil'],
  ])('%s has the key %s', (name, key) => {
    expect(groupKey(name)).toBe(key);
  });

  test('the lock of a broken acces.yml is a key nobody can hold', async () => {
    expect(groupKey(lockedGroup)).toBe(lockedGroup);
    expect(inAnyGroup(['acces-illisible'], [lockedGroup])).toBe(false);
  });
});

describeEachStore('groups in the accounts store', (open) => {
  const t = useTestStore(open);

  test('an admin creates a group, adds members and the session carries their keys', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const group = await t.store.createGroup({ name: 'Direction des sports', by: t.adminId });
    expect(group).toMatchObject({ name: 'Direction des sports', key: 'direction-des-sports', members: 0, fromSso: false });
    await t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    await t.store.addMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    expect(await t.store.listGroups()).toEqual([{ ...group, members: 1 }]);
    expect(await t.store.groupsOf(bob.person.id)).toEqual(['direction-des-sports']);
    const session = await t.store.createSession({ userId: bob.person.id });
    expect((await t.store.getSession(session.sessionId))?.groups).toEqual(['direction-des-sports']);
    await t.store.removeMember({ groupId: group.id, userId: bob.person.id, by: t.adminId });
    expect((await t.store.getSession(session.sessionId))?.groups).toEqual([]);
  });

  test('a name that folds to an existing key is refused', async () => {
    await t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    await expect(t.store.createGroup({ name: 'ACCOMPAGNEMENT ', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'GroupNameTaken' }));
    await expect(t.store.createGroup({ name: ' — ', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'InvalidInput' }));
  });

  test('only an active admin changes groups', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    await expect(t.store.createGroup({ name: 'Accompagnement', by: bob.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
    const group = await t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    await expect(t.store.addMember({ groupId: group.id, userId: bob.person.id, by: bob.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
    await expect(t.store.deleteGroup({ groupId: 'nope', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'GroupNotFound' }));
  });

  test('members are listed by pages', async () => {
    const group = await t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    for (const [name, email] of [['Chloé', 'chloe'], ['Bob', 'bob'], ['Denis', 'denis']] as const) {
      const p = await addPerson(t, 'contributeur', name, `${email}@exemple.fr`);
      await t.store.addMember({ groupId: group.id, userId: p.person.id, by: t.adminId });
    }
    const first = await t.store.listMembers({ groupId: group.id, page: 1, size: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((m) => m.name)).toEqual(['Bob', 'Chloé']);
    expect((await t.store.listMembers({ groupId: group.id, page: 2, size: 2 })).items.map((m) => m.name)).toEqual(['Denis']);
  });

  test('single sign-on makes the provider’s memberships exactly its claim, and leaves an admin’s alone', async () => {
    const bob = await addPerson(t, 'contributeur', 'Bob', 'bob@exemple.fr');
    const kept = await t.store.createGroup({ name: 'Accueil', by: t.adminId });
    await t.store.addMember({ groupId: kept.id, userId: bob.person.id, by: t.adminId });
    await t.store.syncSsoGroups({ personId: bob.person.id, names: ['/Accompagnement', 'Sports', 'sports'] });
    expect(await t.store.groupsOf(bob.person.id)).toEqual(['accompagnement', 'accueil', 'sports']);
    expect((await t.store.listGroups()).find((g) => g.key === 'sports')?.fromSso).toBe(true);
    await t.store.syncSsoGroups({ personId: bob.person.id, names: ['Sports'] });
    expect(await t.store.groupsOf(bob.person.id)).toEqual(['accueil', 'sports']);
    const before = (await t.store.listAudit({})).total;
    await t.store.syncSsoGroups({ personId: bob.person.id, names: ['Sports'] });
    expect((await t.store.listAudit({})).total).toBe(before);
  });

  test('roles and groups changes are in the audit log, newest first', async () => {
    const bob = await addPerson(t, 'contributeur', 'Bob', 'bob@exemple.fr');
    await t.store.setRole({ userId: bob.person.id, role: 'equipe', by: t.adminId });
    const group = await t.store.createGroup({ name: 'Accompagnement', by: t.adminId });
    await t.store.renameGroup({ groupId: group.id, name: 'Suivi', by: t.adminId });
    await t.store.deleteGroup({ groupId: group.id, by: t.adminId });
    const items = (await t.store.listAudit({ page: 1, size: 10 })).items.filter((e) => !e.action.startsWith('invitation.'));
    expect(items.map((e) => [e.action, e.target, e.detail, e.actorName])).toEqual([
      ['group.delete', 'Suivi', '0 membre(s)', 'Alice Admin'],
      ['group.rename', 'Suivi', 'Accompagnement → Suivi', 'Alice Admin'],
      ['group.create', 'Accompagnement', '', 'Alice Admin'],
      ['role.set', 'Bob', 'contributeur → equipe', 'Alice Admin'],
    ]);
  });
});
