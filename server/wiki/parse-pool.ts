/**
 * Reads and parses many page files in worker threads (`parse-worker.ts`), for a first start or a
 * commit that touches thousands of pages: at 10,000 pages the event loop spent about 5 s reading
 * and parsing before the first answer. Workers start for the call and stop after it (they hold
 * nothing between refreshes). A worker that fails rejects the call: the index then reads in-thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedPageFile } from './page-file.ts';
import type { ParseJob, ParseReply } from './parse-jobs.ts';
import type { PagePath } from './paths.ts';
import type { RepoSettings } from './repo-settings.ts';

/** Below this many files, a worker's start (about 0.4 s of CPU loading the parser) costs more than it saves. */
export const parsePoolThreshold = 400;

/** Options of `parseInWorkers`. */
export interface ParseInWorkersOptions {
  /** Content folder. */
  dir: string;
  /** Repository settings the pages are parsed with. */
  settings: RepoSettings;
  /** Path and bytes (from the scan) of each file. */
  files: readonly [PagePath, number][];
  /** Worker threads (default: the cores, at most 4). */
  threads?: number | undefined;
  /** Files per message: small enough that the event loop takes each reply in a few ms. */
  batch?: number | undefined;
}

/** The parsed pages, in the order of `files` (undefined: the file was gone or unsafe). */
export async function parseInWorkers({ dir, settings, files, threads = Math.min(4, os.availableParallelism()), batch = 200 }: ParseInWorkersOptions): Promise<(ParsedPageFile | undefined)[]> {
  const out: (ParsedPageFile | undefined)[] = new Array<ParsedPageFile | undefined>(files.length);
  const jobs: { job: ParseJob; at: number }[] = [];
  for (let at = 0, id = 1; at < files.length; at += batch, id++) jobs.push({ job: { id, dir, settings, files: files.slice(at, at + batch) }, at });
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let left = jobs.length;
      if (left === 0) return resolve();
      const count = Math.max(1, Math.min(threads, jobs.length));
      for (let i = 0; i < count; i++) {
        const worker = new Worker(new URL('./parse-worker.ts', import.meta.url));
        workers.push(worker);
        let current: { job: ParseJob; at: number } | undefined;
        const next = (): void => {
          current = jobs.shift();
          if (current) worker.postMessage(current.job);
        };
        worker.on('message', (reply: ParseReply) => {
          if (!current || reply.id !== current.job.id) return reject(new Error('parse worker answered another job'));
          for (const [k, page] of reply.pages.entries()) out[current.at + k] = page;
          if (--left === 0) return resolve();
          next();
        });
        worker.on('error', (error) => reject(new Error('parse worker failed', { cause: error })));
        worker.on('exit', (code) => {
          if (left > 0) reject(new Error(`parse worker stopped (code ${code})`));
        });
        next();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
