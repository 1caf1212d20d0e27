/**
 * Preloaded (`node --import`) into a pad server under test: answers the bench's `stats` requests
 * over IPC with the process's own CPU time and memory, and exits when the bench goes away, so a
 * crashed bench never leaves a server behind.
 */

/** What a server process reports about itself. */
export interface ServerStats {
  /** User + system CPU time since start, µs. */
  cpuMicros: number;
  /** Resident set size, bytes. */
  rss: number;
  /** V8 heap in use, bytes. */
  heapUsed: number;
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (message !== 'stats') return;
    const cpu = process.cpuUsage();
    // With --expose-gc, collect (after reading the CPU time, so the collection is not counted as
    // load) so memory figures do not depend on when V8 last ran.
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    const stats: ServerStats = { cpuMicros: cpu.user + cpu.system, rss: memory.rss, heapUsed: memory.heapUsed };
    process.send?.({ stats });
  });
  process.on('disconnect', () => process.exit(0));
}
