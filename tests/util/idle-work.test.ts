/**
 * Background work yields to visitors: no slice while a request is in flight (a real HTTP request
 * held open), slices again once it ends, and a job still finishes under a request stream that
 * never stops (the floor's turns).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdleWork, type IdleWork } from '../../server/util/idle-work.ts';

/** A few turns of the event loop (timers, I/O and immediates all get to run). */
const loopTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

/** A server whose requests are tracked by `work` and answered only when the test says so. */
async function heldServer(work: IdleWork) {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((_req, res) => {
    work.track(res);
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const ask = () => new Promise<void>((resolve) => http.get(url, (res) => res.resume().on('end', resolve)).on('error', () => resolve()));
  return { server, held, ask, release: () => held.shift()?.end('ok') };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('createIdleWork', () => {
  it('grants a turn at once when no request is in flight', async () => {
    const work = createIdleWork();
    await work.turn();
    expect(work.slices()).toBe(1);
  });

  it('runs no slice while a request is in flight, and runs it once the request ends', async () => {
    const work = createIdleWork({ floorMs: 60_000 });
    const { server, held, ask, release } = await heldServer(work);
    close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
    const answered = ask();
    while (held.length === 0) await loopTurns(1);
    expect(work.inFlight()).toBe(1);
    let ran = false;
    const job = work.turn().then(() => (ran = true));
    await loopTurns(20);
    expect(ran).toBe(false);
    expect(work.slices()).toBe(0);
    release();
    await answered;
    await job;
    expect(ran).toBe(true);
    expect(work.inFlight()).toBe(0);
  });

  it('still finishes a job when requests never stop, one slice per floor turn', async () => {
    const work = createIdleWork({ floorMs: 5, sliceMs: 0 });
    const { server, held, ask, release } = await heldServer(work);
    close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
    // Always one request held: each is released only after the next one has arrived.
    let streaming = true;
    const stream = (async () => {
      void ask();
      while (streaming) {
        const next = ask();
        while (held.length < 2) await loopTurns(1);
        release();
        await loopTurns(1);
        void next;
      }
    })();
    const done: number[] = [];
    await work.each([1, 2, 3, 4, 5], (n) => void done.push(n));
    streaming = false;
    await stream;
    while (held.length > 0) release();
    expect(done).toEqual([1, 2, 3, 4, 5]);
    // Each item had its own slice (sliceMs 0), every one granted while a request was in flight.
    expect(work.slices()).toBeGreaterThanOrEqual(5);
  });

  it('gives a job that takes several slices its floor turn that many floors later', async () => {
    let clock = 0;
    const work = createIdleWork({ floorMs: 20, now: () => clock });
    // A response that never closes: a request always in flight.
    work.track({ once: () => undefined });
    let granted = 0;
    void work.turn(3).then(() => granted++);
    const poke = async () => {
      void work.turn().then(() => granted++);
      await loopTurns(3);
    };
    clock = 30; // past one floor, not three
    await poke();
    expect(granted).toBe(0);
    clock = 61;
    await poke();
    expect(granted).toBe(1);
  });
});
