import { describe, expect, test } from 'vitest';
import { createRateLimiter } from '../../server/auth/rate-limit.ts';

describe('rate limiter', () => {
  test('allows max attempts per window, then says how long to wait', () => {
    const clock = { t: 0 };
    const limiter = createRateLimiter({ max: 3, windowMs: 1000, now: () => clock.t });
    for (let i = 0; i < 3; i++) {
      expect(limiter.hit('k')).toEqual({ allowed: true, retryAfterMs: 0 });
      clock.t += 100;
    }
    expect(limiter.hit('k')).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.check('k').allowed).toBe(false);
    expect(limiter.hit('other').allowed).toBe(true);
    clock.t = 1000;
    expect(limiter.hit('k').allowed).toBe(true);
  });

  test('check does not count; forgive and reset give attempts back', () => {
    const limiter = createRateLimiter({ max: 2, windowMs: 1000, now: () => 0 });
    for (let i = 0; i < 5; i++) expect(limiter.check('k').allowed).toBe(true);
    limiter.hit('k');
    limiter.hit('k');
    expect(limiter.check('k').allowed).toBe(false);
    limiter.forgive('k');
    expect(limiter.check('k').allowed).toBe(true);
    limiter.hit('k');
    limiter.reset('k');
    expect(limiter.hit('k').allowed).toBe(true);
  });

  test('a flood of distinct keys does not grow memory without bound', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000, now: () => 0, maxKeys: 10 });
    for (let i = 0; i < 100; i++) limiter.hit(`ip-${i}`);
    // The oldest keys were swept: their next attempt is allowed again; the newest is still counted.
    expect(limiter.hit('ip-0').allowed).toBe(true);
    expect(limiter.hit('ip-99').allowed).toBe(false);
  });
});
