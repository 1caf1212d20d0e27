/** Parent side of the scale benchmark's load client: one child process, jobs over IPC, summaries. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './measure.ts';

/** What the load client is asked to do. */
export interface LoadJob {
  /** Matches the answer to its job. */
  id: number;
  /** `http://127.0.0.1:port`. */
  base: string;
  /** Paths requested in turn (cycled through when `total` is larger). */
  paths: string[];
  /** Number of requests. */
  total: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** No new request after this long: a slow server cuts the load short instead of the run. */
  deadlineMs: number;
}

/** What the load client answers. */
export interface LoadResult {
  id: number;
  /** Each request's time in ms, until its last byte. */
  latencies: number[];
  /** From the first request sent to the last answer. */
  wallMs: number;
  /** Answers other than 200, by status (`0`: no answer). */
  failures: Record<string, number>;
  /** CPU the load client itself spent on the job (user + system, ms): it shares the cores with the hub. */
  cpuMs: number;
}

/** A load's figures. */
export interface LoadSummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  /** Requests made (fewer than asked when the deadline cut the load). */
  count: number;
  /** Requests asked. */
  asked: number;
  /** Answers other than 200, e.g. `3 × 503`; empty when all were 200. */
  failures: string;
  /** CPU the load client spent per request (ms): when it nears the hub's, the client is what limits req/s. */
  clientCpuMsPerRequest?: number;
}

/** Summarises one result of a job of `asked` requests. */
export function summariseLoad(result: LoadResult, asked: number): LoadSummary {
  const { latencies } = result;
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.reduce((a, b) => Math.max(a, b), 0),
    requestsPerSecond: latencies.length / (result.wallMs / 1000),
    count: latencies.length,
    asked,
    failures: Object.entries(result.failures)
      .map(([status, n]) => `${n} × ${status === '0' ? 'sans réponse' : status}`)
      .join(', '),
    clientCpuMsPerRequest: latencies.length > 0 ? result.cpuMs / latencies.length : 0,
  };
}

/** The running load client. */
export interface LoadClient {
  /** Runs one job in the child and summarises it. */
  run(job: Omit<LoadJob, 'id'>): Promise<LoadSummary>;
  /** Ends the child. */
  close(): void;
}

/** Starts the load client process (once per run: its start-up is not in any figure). */
export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(fileURLToPath(new URL('./scale-load-child.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  return {
    run(job) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onMessage = (message: LoadResult): void => {
          if (message.id !== id) return;
          child.off('exit', onExit);
          child.off('message', onMessage);
          resolve(summariseLoad(message, job.total));
        };
        const onExit = (code: number | null): void => reject(new Error(`le client de charge s’est arrêté (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ ...job, id });
      });
    },
    close() {
      child.disconnect();
    },
  };
}
