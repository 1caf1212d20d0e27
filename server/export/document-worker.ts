/**
 * Converts one page export in a worker thread: a page at the size limit takes seconds to parse
 * and write, and no request may hold the event loop that long (see document-job.ts).
 */
import { parentPort } from 'node:worker_threads';
import { convertExport, type DocumentFormat } from './document-convert.ts';
import type { ExportInput } from './document-model.ts';

/** One conversion asked of the worker. */
export interface DocumentJob {
  /** What to convert. */
  input: ExportInput;
  /** Into what. */
  format: DocumentFormat;
}

/** The worker's answer. */
export type DocumentReply = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

parentPort?.once('message', (job: DocumentJob) => {
  convertExport(job.input, job.format).then(
    (bytes) => parentPort?.postMessage({ ok: true, bytes } satisfies DocumentReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies DocumentReply),
  );
});
