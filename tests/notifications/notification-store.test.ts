import { describe, expect, test } from 'vitest';
import { createNotificationStore } from '../../server/notifications/notification-store.ts';
import { createHubEvents } from '../../server/events/hub-events.ts';
import { addPerson, useTestStore } from '../auth/helpers.ts';

const t = useTestStore();

describe('notification store', () => {
  test('stores, lists newest first, counts unread and marks read one or all', async () => {
    const events = createHubEvents();
    const told: { id: number; userId: string }[] = [];
    events.on('notification.created', (e) => void told.push(e));
    const bob = await addPerson(t, 'equipe', 'Bob', 'bob@exemple.fr');
    const store = createNotificationStore({ db: t.store.database, now: () => t.clock.t, events });
    const first = store.add({ userId: bob.person.id, kind: 'mention', targetKind: 'page', target: 'a.md', actorName: 'Alice', data: { title: 'A', url: '/a' } });
    t.clock.t += 1000;
    const second = store.add({ userId: bob.person.id, kind: 'page-changed', targetKind: 'page', target: 'b.md', data: { title: 'B', url: '/b' } });
    expect(told).toEqual([{ id: first, userId: bob.person.id }, { id: second, userId: bob.person.id }]);
    expect(store.list({ userId: bob.person.id }).map((n) => n.id)).toEqual([second, first]);
    expect(store.get(first)).toMatchObject({ kind: 'mention', actorName: 'Alice', data: { title: 'A', url: '/a' }, readAt: undefined });
    expect(store.countUnread(bob.person.id)).toBe(2);
    expect(store.countUnread(t.adminId)).toBe(0);
    expect(store.markRead({ userId: t.adminId, id: first })).toBe(0);
    expect(store.markRead({ userId: bob.person.id, id: first })).toBe(1);
    expect(store.list({ userId: bob.person.id, unreadOnly: true }).map((n) => n.id)).toEqual([second]);
    expect(store.markRead({ userId: bob.person.id })).toBe(1);
    expect(store.countUnread(bob.person.id)).toBe(0);
  });

  test('refuses a notification without a known kind or a url in the hub', () => {
    const store = createNotificationStore({ db: t.store.database });
    expect(() => store.add({ userId: t.adminId, kind: 'spam' as 'mention', targetKind: 'page', target: 'a.md', data: { title: 'A', url: '/a' } })).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    expect(() => store.add({ userId: t.adminId, kind: 'mention', targetKind: 'page', target: 'a.md', data: { title: 'A', url: 'https://ailleurs.example' } })).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
  });
});
