/**
 * Walks the content folder in a worker thread (`scan-worker.ts`) when it looks large: the git
 * index file grows by about 100 bytes per tracked file, so its size tells, for the price of one
 * stat, whether a worker's start (about 0.1 s of CPU) is worth it before anything was walked.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PageScan } from './scan-files.ts';

/** Bytes of git index per tracked file, about (62 bytes of entry plus the path, padded). */
const indexBytesPerFile = 100;

/** True when the repository at `dir` tracks at least about `files` files. */
export async function tracksManyFiles(dir: string, files: number): Promise<boolean> {
  const size = await stat(path.join(dir, '.git', 'index')).then((s) => s.size, () => 0);
  return size >= files * indexBytesPerFile;
}

/** The scan of `dir` made in a worker thread; rejects when the worker fails (walk in-thread then). */
export function scanInWorker(dir: string): Promise<PageScan> {
  return new Promise<PageScan>((resolve, reject) => {
    const worker = new Worker(new URL('./scan-worker.ts', import.meta.url), { workerData: { dir } });
    worker.once('message', (scan: PageScan) => {
      resolve(scan);
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new Error('scan worker failed', { cause: error })));
    worker.once('exit', (code) => reject(new Error(`scan worker stopped (code ${code})`)));
  });
}
