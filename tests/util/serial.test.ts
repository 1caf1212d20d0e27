import { describe, expect, it } from 'vitest';
import { createCoalescing, createKeyedSerial, createSerial } from '../../server/util/serial.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createSerial', () => {
  it('runs jobs one at a time, in call order', async () => {
    const serial = createSerial();
    const log: string[] = [];
    let running = 0;
    const job = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([serial.run(job('a')), serial.run(job('b')), serial.run(job('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a job fails, and hands the failure to its caller only', async () => {
    const serial = createSerial();
    const failed = serial.run(async () => {
      throw new Error('boom');
    });
    const next = serial.run(async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('counts queued jobs and waits for all of them, including ones queued while waiting', async () => {
    const serial = createSerial();
    const done: number[] = [];
    void serial.run(async () => {
      await tick();
      done.push(1);
      void serial.run(async () => void done.push(2));
    });
    expect(serial.size()).toBe(1);
    await serial.idle();
    expect(done).toEqual([1, 2]);
    expect(serial.size()).toBe(0);
  });
});

describe('createKeyedSerial', () => {
  it('serialises jobs of one key and lets other keys run alongside', async () => {
    const run = createKeyedSerial();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([run('x', job('x1')), run('y', job('y1')), run('x', job('x2'))]);
    expect(log.indexOf('end x1')).toBeLessThan(log.indexOf('start x2'));
    expect(log.indexOf('start y1')).toBeLessThan(log.indexOf('end x1'));
  });
});

describe('createCoalescing', () => {
  it('makes calls arriving during a run share one next run', async () => {
    let runs = 0;
    const task = createCoalescing(async () => {
      runs += 1;
      await tick();
      return runs;
    });
    const first = task.run();
    await Promise.resolve(); // the first run has started: later calls wait for the next one
    const others = Array.from({ length: 20 }, () => task.run());
    expect(task.pending()).toBe(true);
    expect(await first).toBe(1);
    expect(new Set(await Promise.all(others))).toEqual(new Set([2]));
    expect(runs).toBe(2);
    await task.idle();
    expect(task.pending()).toBe(false);
  });
});
