import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createMailOutbox } from '../../server/mail/mail-outbox.ts';
import { createMailPreferences } from '../../server/mail/mail-preferences.ts';
import { createNotificationStore } from '../../server/notifications/notification-store.ts';
import { addPersonRow, openAccountTables } from '../helpers/account-tables.ts';
import { describeEachStore } from '../helpers/stores.ts';

describeEachStore('what is left to e-mail', (open) => {
  it('groups notifications not yet mailed nor read by person and choice, and unsubscribes by link', async () => {
    const sql = await openAccountTables(open);
    const [ana, ben] = [await addPersonRow(sql, { id: 'p-ana', name: 'Ana' }), await addPersonRow(sql, { id: 'p-ben', name: 'Ben' })];
    const clock = { t: 1_000 };
    const notes = createNotificationStore({ sql, now: () => clock.t });
    const add = (userId: string) => notes.add({ userId, kind: 'mention', targetKind: 'page', target: 'a.md', data: { title: 'A', url: '/a' } });
    const preferences = createMailPreferences({ sql, keyFile: path.join(mkdtempSync(path.join(tmpdir(), 'gare-mail-')), 'mail-key') });
    const outbox = createMailOutbox(sql);
    const [a1, a2] = [await add(ana), await add(ana)];
    clock.t = 5_000;
    const b1 = await add(ben);
    await preferences.setMode({ userId: ben, mode: 'digest' });
    expect(await preferences.modeOf(ana)).toBe('immediate');
    expect(await preferences.modeOf(ben)).toBe('digest');
    expect(await outbox.peopleWaiting('immediate', 0)).toEqual([ana]);
    expect(await outbox.peopleWaiting('digest', 0)).toEqual([ben]);
    expect(await outbox.peopleWaiting('digest', 6_000)).toEqual([]);
    expect(await outbox.pendingOf(ana, 0)).toEqual([a1, a2]);
    await outbox.markHandled([a1], 7_000);
    await notes.markRead({ userId: ana, id: a2 });
    expect(await outbox.pendingOf(ana, 0)).toEqual([]);
    expect((await notes.get(a1))?.emailedAt).toBe(7_000);
    await outbox.markDigest(ben, 8_000);
    expect(await sql.get('SELECT email_mode, last_digest_at FROM notification_settings WHERE user_id = ?', [ben])).toEqual({ email_mode: 'digest', last_digest_at: 8_000 });
    expect(await outbox.recipient(ben)).toEqual({ id: ben, name: 'Ben', email: `${ben}@exemple.org` });
    expect(await outbox.pendingOf(ben, 0)).toEqual([b1]);

    const token = await preferences.unsubscribeToken(ana);
    expect(await preferences.unsubscribeToken(ana)).toBe(token);
    expect(await preferences.personOfToken(token)).toEqual({ id: ana, name: 'Ana' });
    expect(await preferences.unsubscribe(token)).toEqual({ id: ana, name: 'Ana' });
    expect(await preferences.modeOf(ana)).toBe('off');
    await expect(preferences.unsubscribe(`${token.slice(0, -2)}xx`)).rejects.toMatchObject({ code: 'UnsubscribeLinkInvalid' });
  });
});
