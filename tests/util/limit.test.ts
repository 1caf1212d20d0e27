import { describe, expect, it } from 'vitest';
import { createLimit, mapLimited } from '../../server/util/limit.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createLimit', () => {
  it('never runs more than N jobs at once, and runs them all', async () => {
    const limit = createLimit(4);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limit(async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(limit.active()).toBe(0);
    expect(limit.pending()).toBe(0);
  });

  it('frees the slot of a job that fails or throws synchronously', async () => {
    const limit = createLimit(1);
    await expect(limit(() => Promise.reject(new Error('lecture impossible')))).rejects.toThrow('lecture impossible');
    await expect(
      limit(() => {
        throw new Error('synchrone');
      }),
    ).rejects.toThrow('synchrone');
    expect(await limit(async () => 'suite')).toBe('suite');
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => createLimit(0)).toThrow(RangeError);
  });
});

describe('mapLimited', () => {
  it('keeps the input order with a bound on calls in flight', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 3, 2], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20]);
    expect(most).toBe(2);
  });
});
