/** Small measuring helpers for the benchmarks: percentiles, bounded concurrent load, polling. */

/** The p-th percentile (0–100) of durations in ms. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `total` requests with at most `concurrency` in flight; returns each latency in ms. */
export async function load(total: number, concurrency: number, request: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await request(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

/** Polls `check` every 20 ms until true (or `timeoutMs`); returns the elapsed ms. */
export async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < timeoutMs) {
    if (await check()) return performance.now() - t;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timeout after ${timeoutMs} ms`);
}

/** `12.3 ms` / `1.23 s`. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}
