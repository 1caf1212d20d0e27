/**
 * Runs one page conversion in its own worker thread, stopped when it runs too long. One short-
 * lived worker per export (at most two at once, export-routes.ts): exports are rare, and a
 * fresh thread leaves nothing behind.
 */
import { Worker } from 'node:worker_threads';
import { GareError } from '../errors.ts';
import type { DocumentFormat } from './document-convert.ts';
import type { ExportInput } from './document-model.ts';
import type { DocumentJob, DocumentReply } from './document-worker.ts';

/** The conversion failed or took too long. */
export class ExportFailed extends GareError {
  override readonly code = 'ExportFailed';
  override readonly status = 503;
}

/** Options of `convertInWorker`. */
export interface ConvertInWorkerOptions {
  /** What to convert. */
  input: ExportInput;
  /** Into what. */
  format: DocumentFormat;
  /** Stop the worker after this long. */
  timeoutMs?: number;
}

/** The document's bytes, written off the event loop. */
export function convertInWorker({ input, format, timeoutMs = 60_000 }: ConvertInWorkerOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./document-worker.ts', import.meta.url));
    const fail = (why: string, cause?: unknown) => reject(new ExportFailed(`Export impossible : ${why}. Réessayez dans un moment ; si la page est très longue, découpez-la.`, { cause }));
    const timer = setTimeout(() => (fail('la conversion a pris trop de temps'), void worker.terminate()), timeoutMs);
    worker.once('message', (reply: DocumentReply) => {
      clearTimeout(timer);
      void worker.terminate();
      if (reply.ok) resolve(reply.bytes);
      else fail('la conversion a échoué', new Error(reply.message));
    });
    worker.once('error', (error) => (clearTimeout(timer), fail('la conversion a échoué', error)));
    worker.once('exit', () => (clearTimeout(timer), fail('la conversion s’est arrêtée')));
    worker.postMessage({ input, format } satisfies DocumentJob);
  });
}
