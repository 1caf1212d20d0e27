/**
 * Converts one page export in a worker thread: a page at the size limit takes seconds to parse
 * and write, and no request may hold the event loop that long (see document-job.ts). The worker
 * stays up between jobs, which come one at a time.
 */
import { parentPort } from 'node:worker_threads';
import { convertExport, type DocumentFormat } from './document-convert.ts';
import type { ExportInput } from './document-model.ts';

/** One conversion asked of the worker. */
export interface DocumentJob {
  /** Matches the reply to the job. */
  id: number;
  /** What to convert. */
  input: ExportInput;
  /** Into what. */
  format: DocumentFormat;
}

/** The worker's answer. */
export type DocumentReply = { id: number } & ({ ok: true; bytes: Uint8Array } | { ok: false; message: string });

parentPort?.on('message', (job: DocumentJob) => {
  convertExport(job.input, job.format).then(
    (bytes) => parentPort?.postMessage({ id: job.id, ok: true, bytes } satisfies DocumentReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies DocumentReply),
  );
});
