import { expect, test } from 'vitest';
import { migrateAccounts } from '../../server/auth/account-db.ts';
import { createRateLimiter, type RateLimiterOptions } from '../../server/auth/rate-limit.ts';
import { describeEachStore } from '../helpers/stores.ts';

describeEachStore('rate limiter', (open, dialect) => {
  const limiterOn = async (options: Omit<RateLimiterOptions, 'sql' | 'scope'>, scope = 'test') => {
    const sql = await open();
    await migrateAccounts(sql);
    return { sql, limiter: createRateLimiter({ sql, scope, ...options }) };
  };

  test('allows max attempts per window, then says how long to wait', async () => {
    const clock = { t: 0 };
    const { limiter } = await limiterOn({ max: 3, windowMs: 1000, now: () => clock.t });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.hit('k')).toEqual({ allowed: true, retryAfterMs: 0 });
      clock.t += 100;
    }
    expect(await limiter.hit('k')).toEqual({ allowed: false, retryAfterMs: 700 });
    expect((await limiter.check('k')).allowed).toBe(false);
    expect((await limiter.hit('other')).allowed).toBe(true);
    clock.t = 1000;
    expect((await limiter.hit('k')).allowed).toBe(true);
  });

  test('check does not count; forgive and reset give attempts back', async () => {
    const { limiter } = await limiterOn({ max: 2, windowMs: 1000, now: () => 0 });
    for (let i = 0; i < 5; i++) expect((await limiter.check('k')).allowed).toBe(true);
    await limiter.hit('k');
    await limiter.hit('k');
    expect((await limiter.check('k')).allowed).toBe(false);
    await limiter.forgive('k');
    expect((await limiter.check('k')).allowed).toBe(true);
    await limiter.hit('k');
    await limiter.reset('k');
    expect((await limiter.hit('k')).allowed).toBe(true);
  });

  test('two instances share the count: attempts on one are refused on the other', async () => {
    const clock = { t: 0 };
    const { sql } = await limiterOn({ max: 1, windowMs: 1000 });
    // Two pools on one PostgreSQL; the embedded SQLite serves one process, so both limiters share its store there.
    const second = dialect === 'postgres' ? await open({ sameAs: sql }) : sql;
    const a = createRateLimiter({ sql, scope: 'ip', max: 3, windowMs: 1000, now: () => clock.t });
    const b = createRateLimiter({ sql: second, scope: 'ip', max: 3, windowMs: 1000, now: () => clock.t });
    // A burst spread over both instances: exactly the allowed number gets through.
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).hit('203.0.113.7')));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    expect((await b.check('203.0.113.7')).allowed).toBe(false);
  });

  test('keeps no key in clear, and prunes attempts older than the window', async () => {
    const clock = { t: 0 };
    const { sql, limiter } = await limiterOn({ max: 1, windowMs: 1000, now: () => clock.t });
    for (let i = 0; i < 100; i++) await limiter.hit(`ip-${i}@exemple.fr`);
    const rows = await sql.all<{ key: string }>('SELECT key FROM login_attempts');
    expect(rows).toHaveLength(100);
    expect(rows.some((r) => r.key.includes('exemple'))).toBe(false);
    clock.t = 120_000;
    await limiter.hit('ip-new');
    expect(await sql.all('SELECT key FROM login_attempts')).toHaveLength(1);
    expect((await limiter.hit('ip-0@exemple.fr')).allowed).toBe(true);
  });
});
