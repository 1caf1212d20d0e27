import { describe, expect, it } from 'vitest';
import { msUntilHour } from '../../server/mail/daily-timer.ts';

const H = 3600_000;

describe('the daily round', () => {
  it.each([
    ['before the hour: later today', new Date(2026, 2, 19, 5, 30), 7, 1.5 * H],
    ['at the hour: tomorrow', new Date(2026, 2, 19, 7, 0), 7, 24 * H],
    ['after the hour: tomorrow', new Date(2026, 2, 19, 8, 0), 7, 23 * H],
    ['midnight round', new Date(2026, 2, 19, 23, 0), 0, 1 * H],
  ])('%s', (_label, at, hour, expected) => {
    const ms = msUntilHour(at.getTime(), hour);
    // A change of summer time in between moves the wall clock, not the round: same local hour.
    const next = new Date(at.getTime() + ms);
    expect([next.getHours(), next.getMinutes()]).toEqual([hour, 0]);
    expect(Math.abs(ms - expected)).toBeLessThanOrEqual(H);
  });
});
