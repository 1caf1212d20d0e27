import { expect, test } from 'vitest';
import { migrateAccounts } from '../../server/auth/account-db.ts';
import { createFlowStore } from '../../server/auth/oidc-flows.ts';
import { describeEachStore } from '../helpers/stores.ts';

const flow = { state: 'etat', nonce: 'nonce', codeVerifier: 'verificateur', retour: '/wiki/accueil' };

describeEachStore('single sign-on logins under way', (open, dialect) => {
  test('a login started on one instance finishes on another, once, and not after it lapsed', async () => {
    const clock = { t: 1_000_000 };
    const sql = await open();
    await migrateAccounts(sql);
    // The provider may send the browser back to the other instance behind the load balancer.
    const other = dialect === 'postgres' ? await open({ sameAs: sql }) : sql;
    const a = createFlowStore({ sql, now: () => clock.t, ttlMs: 60_000 });
    const b = createFlowStore({ sql: other, now: () => clock.t, ttlMs: 60_000 });
    const { id, maxAgeSeconds } = await a.start(flow);
    expect(maxAgeSeconds).toBe(60);
    const both = await Promise.all([b.take(id), a.take(id)]);
    expect(both.filter((f) => f !== undefined)).toEqual([{ ...flow, expiresAt: clock.t + 60_000 }]);
    expect(await b.take(id)).toBeUndefined();
    // Only the hash of the cookie value is kept.
    expect(JSON.stringify(await sql.all('SELECT * FROM sso_flows'))).not.toContain(id);
    const late = await a.start(flow);
    clock.t += 60_000;
    expect(await b.take(late.id)).toBeUndefined();
    expect(await b.take(undefined)).toBeUndefined();
    expect(await b.take('pas un jeton')).toBeUndefined();
  });

  test('keeps at most `max` logins under way, dropping the oldest', async () => {
    const clock = { t: 0 };
    const sql = await open();
    await migrateAccounts(sql);
    const flows = createFlowStore({ sql, now: () => clock.t, max: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.t += 1;
      ids.push((await flows.start(flow)).id);
    }
    expect(await sql.get('SELECT count(*) AS n FROM sso_flows')).toEqual({ n: 3 });
    expect(await flows.take(ids[0])).toBeUndefined();
    expect(await flows.take(ids[4])).toBeDefined();
  });
});
