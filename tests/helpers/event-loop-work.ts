/** How long work held this thread's event loop, measured so that a loaded machine does not inflate it. */

/**
 * Work the request put on the event loop, in ms: the longest stretch of main-thread CPU between two
 * ticks of a 5 ms timer (`process.threadCpuUsage` between ticks; the render worker's time is not in
 * it). A timer tick is late exactly when the loop was busy, and the CPU spent since the previous
 * tick is the work that held it. Wall-clock stalls are not used: on a loaded machine the OS hands
 * the core to another process mid-request, which stretches a stall without the hub blocking anyone
 * (a 20 ms render once read as a 156 ms stall under the full suite). `cpu` is the total.
 * Used by tests and by the benchmark (`scripts/bench/scale-history.ts`).
 */
export async function eventLoopWork(work: () => Promise<void>): Promise<{ cpu: number; stall: number }> {
  const before = process.threadCpuUsage();
  let last = before;
  let stall = 0;
  const tick = (): void => {
    const now = process.threadCpuUsage();
    const spent = (now.user - last.user + now.system - last.system) / 1000;
    stall = Math.max(stall, spent);
    last = now;
  };
  const timer = setInterval(tick, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
    tick();
  }
  const used = process.threadCpuUsage(before);
  return { cpu: (used.user + used.system) / 1000, stall };
}
