import { afterEach, describe, expect, it, vi } from 'vitest';
import { msUntilHour, startDailyTimer } from '../../server/mail/daily-timer.ts';

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

  afterEach(() => void vi.useRealTimers());

  it('runs at the hour each day, retries in between, and nothing once stopped (the hub’s close)', async () => {
    vi.useFakeTimers({ now: new Date(2026, 2, 19, 5, 0) });
    const runs: string[] = [];
    const timer = startDailyTimer({ hour: 7, now: Date.now, daily: async () => void runs.push('jour'), retry: async () => void runs.push('reprise'), retryEveryMs: 5 * 60_000 });
    await vi.advanceTimersByTimeAsync(2 * H);
    expect(runs.filter((r) => r === 'jour')).toHaveLength(1);
    expect(runs.filter((r) => r === 'reprise')).toHaveLength(24);
    await vi.advanceTimersByTimeAsync(24 * H);
    expect(runs.filter((r) => r === 'jour')).toHaveLength(2);
    timer.stop();
    const before = runs.length;
    await vi.advanceTimersByTimeAsync(3 * 24 * H);
    expect(runs).toHaveLength(before);
  });
});
