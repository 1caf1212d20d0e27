import { expect, test } from 'vitest';
import { createHubEvents } from '../../server/events/hub-events.ts';
import { createFollowStore } from '../../server/notifications/follows.ts';
import { createNotificationStore } from '../../server/notifications/notification-store.ts';
import { readHandleDirectory } from '../../server/notifications/people-handles.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

describeEachStore('notification store', (open) => {
  test('stores, lists newest first, counts unread and marks read one or all', async () => {
    const sql = await openAccountTables(open);
    const [bob, alice] = [await addPersonRow(sql, { id: 'p-bob', name: 'Bob' }), await addPersonRow(sql, { id: 'p-alice', name: 'Alice', role: 'admin' })];
    const events = createHubEvents();
    const told: { id: number; userId: string }[] = [];
    events.on('notification.created', (e) => void told.push(e));
    const clock = { t: 1_000 };
    const store = createNotificationStore({ sql, now: () => clock.t, events });
    const first = await store.add({ userId: bob, kind: 'mention', targetKind: 'page', target: 'a.md', actorName: 'Alice', data: { title: 'A', url: '/a' } });
    clock.t += 1000;
    const second = await store.add({ userId: bob, kind: 'page-changed', targetKind: 'page', target: 'b.md', data: { title: 'B', url: '/b' } });
    expect(told).toEqual([{ id: first, userId: bob }, { id: second, userId: bob }]);
    expect((await store.list({ userId: bob })).map((n) => n.id)).toEqual([second, first]);
    expect(await store.get(first)).toMatchObject({ kind: 'mention', actorName: 'Alice', data: { title: 'A', url: '/a' }, readAt: undefined, createdAt: 1_000 });
    expect(await store.countUnread(bob)).toBe(2);
    expect(await store.countUnread(alice)).toBe(0);
    expect(await store.markRead({ userId: alice, id: first })).toBe(0);
    expect(await store.markRead({ userId: bob, id: first })).toBe(1);
    expect((await store.list({ userId: bob, unreadOnly: true })).map((n) => n.id)).toEqual([second]);
    expect(await store.markRead({ userId: bob })).toBe(1);
    expect(await store.countUnread(bob)).toBe(0);
    await store.movePage('a.md', 'c.md');
    expect((await store.get(first))?.target).toBe('c.md');
  });

  test('refuses a notification without a known kind or a url in the hub', async () => {
    const sql = await openAccountTables(open);
    const store = createNotificationStore({ sql });
    await expect(store.add({ userId: 'x', kind: 'spam' as 'mention', targetKind: 'page', target: 'a.md', data: { title: 'A', url: '/a' } })).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(store.add({ userId: 'x', kind: 'mention', targetKind: 'page', target: 'a.md', data: { title: 'A', url: 'https://ailleurs.example' } })).rejects.toMatchObject({ code: 'InvalidInput' });
  });

  test('follows: muted rows stay muted, authors follow once, a moved page keeps its followers', async () => {
    const sql = await openAccountTables(open);
    const ana = await addPersonRow(sql, { id: 'p-ana', name: 'Ana Martin' });
    const ben = await addPersonRow(sql, { id: 'p-ben', name: 'Ben Martin' });
    const follows = createFollowStore({ sql, now: () => 5 });
    expect(await follows.setFollow(ana, { kind: 'tag', target: 'budget', follow: true })).toEqual({ kind: 'tag', target: 'budget', source: 'manual', following: true });
    await follows.followAsAuthor(ana, 'a.md');
    await follows.followAsAuthor(ben, 'a.md');
    await follows.setFollow(ben, { kind: 'page', target: 'a.md', follow: false });
    await follows.followAsAuthor(ben, 'a.md');
    expect(await follows.isFollowing(ben, 'page', 'a.md')).toBe(false);
    await follows.followAsAuthor(ana, 'b.md');
    await follows.movePage('a.md', 'b.md');
    expect(await follows.listFollows(ana)).toEqual([{ kind: 'page', target: 'b.md', source: 'author' }, { kind: 'tag', target: 'budget', source: 'manual' }]);
    expect(await follows.isFollowing(ben, 'page', 'b.md')).toBe(false);
    const who = await follows.followersOf([{ kind: 'page', target: 'b.md' }, { kind: 'tag', target: 'budget' }]);
    expect([...who].map(([id, kinds]) => [id, [...kinds]])).toEqual([[ana, ['page', 'tag']]]);
    const dir = await readHandleDirectory(sql);
    expect(dir.resolve('ana.martin')?.id).toBe(ana);
    expect(dir.resolve('Martin')).toBeUndefined();
  });
});
