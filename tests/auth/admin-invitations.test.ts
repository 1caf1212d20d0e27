import { describe, expect, test } from 'vitest';
import { describeEachStore } from '../helpers/stores.ts';
import { addPerson, day, useTestStore } from './helpers.ts';

describeEachStore('admin reads', (open) => {
const t = useTestStore(open);

describe('pending invitations', () => {
  test('lists unused, unexpired invitations newest first, with their role, address and author', async () => {
    await t.store.createInvitation({ role: 'contributeur', invitedBy: t.adminId, email: 'old@exemple.fr', ttlMs: day });
    t.clock.t += 1000;
    await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId });
    t.clock.t += 1000;
    const used = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId });
    await t.store.acceptInvitation({ token: used.token, name: 'Bruno', email: 'bruno@exemple.fr', password: 'le café du lundi' });
    let list = await t.store.listInvitations({ by: t.adminId });
    expect(list.map((i) => [i.role, i.email, i.invitedBy])).toEqual([
      ['equipe', undefined, 'Alice Admin'],
      ['contributeur', 'old@exemple.fr', 'Alice Admin'],
    ]);
    t.clock.t += day;
    list = await t.store.listInvitations({ by: t.adminId });
    expect(list.map((i) => i.role)).toEqual(['equipe']);
  });

  test('a revoked invitation stops working at once, and the revocation is in the audit log', async () => {
    const { token } = await t.store.createInvitation({ role: 'equipe', invitedBy: t.adminId, email: 'carla@exemple.fr' });
    const [pending] = await t.store.listInvitations({ by: t.adminId });
    expect(pending?.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending?.id).not.toBe(token);
    const revoked = await t.store.revokeInvitation({ id: pending?.id ?? '', by: t.adminId });
    expect(revoked).toMatchObject({ email: 'carla@exemple.fr', role: 'equipe' });
    expect(await t.store.listInvitations({ by: t.adminId })).toEqual([]);
    await expect(t.store.acceptInvitation({ token, name: 'Carla', email: 'carla@exemple.fr', password: 'trop tard pour moi' })).rejects.toMatchObject({ code: 'InvalidToken' });
    await expect(t.store.revokeInvitation({ id: pending?.id ?? '', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'InvalidToken' }));
    const log = await t.store.listAudit({});
    expect(log.items[0]).toMatchObject({ action: 'invitation.revoke', actorName: 'Alice Admin', target: 'carla@exemple.fr', detail: 'rôle equipe' });
    expect(log.items[1]).toMatchObject({ action: 'invitation.create', target: 'carla@exemple.fr' });
  });

  test('only an active admin lists or revokes invitations', async () => {
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    await t.store.createInvitation({ role: 'contributeur', invitedBy: t.adminId });
    const [pending] = await t.store.listInvitations({ by: t.adminId });
    await expect(t.store.listInvitations({ by: bob.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
    await expect(t.store.revokeInvitation({ id: pending?.id ?? '', by: bob.person.id })).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }));
    await expect(t.store.revokeInvitation({ id: 'pas un identifiant', by: t.adminId })).rejects.toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    expect(await t.store.listInvitations({ by: t.adminId })).toHaveLength(1);
  });
});

describe('people directory', () => {
  test('finds people by any part of the name or e-mail, 50 per page, sorted by name, with their groups', async () => {
    await t.sql.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) {
        await tx.run("INSERT INTO people (id, name, email, role, active, password_hash, created_at) VALUES (?, ?, ?, 'contributeur', 1, 'x', 0)", [`p${i}`, `Agent ${String(i).padStart(4, '0')}`, `agent${i}@mairie.example`]);
      }
    });
    const sports = await t.store.createGroup({ name: 'Direction des sports', by: t.adminId });
    await t.store.addMember({ groupId: sports.id, userId: 'p7', by: t.adminId });

    const first = await t.store.findPeople({ by: t.adminId });
    expect(first.total).toBe(2001);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.name).toBe('Agent 0000');
    const last = await t.store.findPeople({ by: t.adminId, page: 41 });
    expect(last.items.map((p) => p.name)).toEqual(['Alice Admin']);

    const byName = await t.store.findPeople({ by: t.adminId, q: 'agent 0007' });
    expect(byName.items.map((p) => [p.name, p.groups])).toEqual([['Agent 0007', ['Direction des sports']]]);
    expect((await t.store.findPeople({ by: t.adminId, q: 'AGENT1999@' })).items.map((p) => p.email)).toEqual(['agent1999@mairie.example']);
    expect((await t.store.findPeople({ by: t.adminId, q: '100%' })).total).toBe(0);
    expect((await t.store.findPeople({ by: t.adminId, q: 'agent_1' })).total).toBe(0);
  });
});
});
