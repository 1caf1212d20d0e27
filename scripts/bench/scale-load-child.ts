/**
 * The load client of the scale benchmark, in its own process so the server's event loop is not
 * measuring itself (as `scripts/bench-groups.ts --client` does for the groups bench). It stays up
 * for the whole run and answers each job received over IPC with its latencies.
 * Plain `node:http` with keep-alive sockets: lighter per request than `fetch`, so the client is
 * not what limits a static server's requests per second.
 */
import http from 'node:http';
import type { LoadJob, LoadResult } from './scale-load.ts';

/** One GET; resolves with its status once the whole body is read (0 when the request failed). */
function get(agent: http.Agent, url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

/** Runs one job: `total` requests with `concurrency` in flight, stopping early at the deadline. */
async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.total && performance.now() - started < job.deadlineMs) {
        const path = job.paths[next++ % job.paths.length] ?? '/';
        const t = performance.now();
        const status = await get(agent, job.base + path, job.deadlineMs);
        latencies.push(performance.now() - t);
        if (status !== 200) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { id: job.id, latencies, wallMs, failures, cpuMs: (used.user + used.system) / 1000 };
}

process.on('message', (job: LoadJob) => {
  void run(job).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
