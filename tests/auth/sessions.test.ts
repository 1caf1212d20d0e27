import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { resolveViewer } from '../../server/auth/resolve-viewer.ts';
import { serializeSessionCookie } from '../../server/auth/cookies.ts';
import { anonymous } from '../../server/access/viewer.ts';
import { describeEachStore } from '../helpers/stores.ts';
import { addPerson, day, useTestStore } from './helpers.ts';

describeEachStore('sessions', (open, dialect) => {
  const t = useTestStore(open);

  test('session ids are random 256-bit tokens, with their own CSRF token', async () => {
    const a = await t.store.createSession({ userId: t.adminId });
    const b = await t.store.createSession({ userId: t.adminId });
    expect(a.sessionId).toMatch(/^[\w-]{43}$/);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.csrf).not.toBe(b.csrf);
    expect(a.csrf).not.toBe(a.sessionId);
    expect(await t.store.getSession(a.sessionId)).toEqual({ person: expect.objectContaining({ id: t.adminId }), role: 'admin', csrf: a.csrf, groups: [], expiresAt: a.expiresAt });
  });

  test('the database never holds a session id in clear', async () => {
    const { sessionId } = await t.store.createSession({ userId: t.adminId, userAgent: 'Firefox' });
    const rows = await t.sql.all('SELECT * FROM sessions');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(sessionId);
    if (dialect === 'sqlite') {
      // WAL mode: recent writes may still sit in the -wal file, so read every file of the store.
      const dir = dirname(t.sql.location);
      for (const name of await readdir(dir)) {
        const bytes = await readFile(join(dir, name));
        expect(bytes.includes(Buffer.from(sessionId)), name).toBe(false);
      }
    }
    expect(await t.store.getSession(sessionId)).toBeDefined();
  });

  test('a session id the store never issued is not accepted (no session fixation)', async () => {
    const forged = 'A'.repeat(43);
    expect(await t.store.getSession(forged)).toBeUndefined();
    expect(await t.store.getSession('')).toBeUndefined();
    expect(await t.store.getSession('x'.repeat(5000))).toBeUndefined();
    expect(await resolveViewer({ cookieHeader: `gare_session=${forged}`, store: t.store })).toBe(anonymous);
  });

  test('logging out ends that session only', async () => {
    const phone = await t.store.createSession({ userId: t.adminId });
    const laptop = await t.store.createSession({ userId: t.adminId });
    await t.store.deleteSession(phone.sessionId);
    expect(await t.store.getSession(phone.sessionId)).toBeUndefined();
    expect(await t.store.getSession(laptop.sessionId)).toBeDefined();
  });

  test('logging out everywhere ends every session of that person and no one else’s', async () => {
    const bruno = await addPerson(t, 'equipe', 'Bruno', 'bruno@exemple.fr');
    const mine = [await t.store.createSession({ userId: t.adminId }), await t.store.createSession({ userId: t.adminId })];
    const his = await t.store.createSession({ userId: bruno.person.id });
    expect(await t.store.deleteAllSessions(t.adminId)).toBe(2);
    for (const s of mine) expect(await t.store.getSession(s.sessionId)).toBeUndefined();
    expect((await t.store.getSession(his.sessionId))?.person.id).toBe(bruno.person.id);
  });

  test('a session used at least once a month stays open; one left idle 30 days lapses', async () => {
    const used = await t.store.createSession({ userId: t.adminId });
    const idle = await t.store.createSession({ userId: t.adminId });
    for (let i = 0; i < 3; i++) {
      t.clock.t += 20 * day;
      expect((await t.store.getSession(used.sessionId))?.expiresAt).toBe(t.clock.t + 30 * day);
    }
    expect(await t.store.getSession(idle.sessionId)).toBeUndefined();
  });

  test('even a session used every day ends after a year', async () => {
    const s = await t.store.createSession({ userId: t.adminId });
    for (let i = 0; i < 370; i++) {
      t.clock.t += day;
      if ((await t.store.getSession(s.sessionId)) === undefined) {
        expect(i).toBe(364);
        return;
      }
    }
    throw new Error('session never ended');
  });

  test('the cookie of a live session resolves to its person and role', async () => {
    const hugo = await addPerson(t, 'contributeur', 'Hugo', 'hugo@exemple.fr');
    const s = await t.store.createSession({ userId: hugo.person.id });
    const setCookie = serializeSessionCookie({ value: s.sessionId, expiresAt: s.expiresAt, now: t.clock.t, secure: true });
    const cookieHeader = `theme=sombre; ${setCookie.split(';')[0]}`;
    expect(await resolveViewer({ cookieHeader, store: t.store })).toEqual({ role: 'contributeur', person: hugo.person, sessionId: s.sessionId, csrf: s.csrf, groups: [], sessionExpiresAt: s.expiresAt });
    expect(await resolveViewer({ cookieHeader: undefined, store: t.store })).toBe(anonymous);
    await t.store.deleteSession(s.sessionId);
    expect(await resolveViewer({ cookieHeader, store: t.store })).toBe(anonymous);
  });
});
