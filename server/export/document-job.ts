/**
 * Converts page exports in one worker thread, started on first use and stopped after a minute
 * idle: a long page takes seconds to parse and write, and no request may hold the event loop
 * that long. Jobs run one after another; a job running too long stops the worker (the next job
 * starts a fresh one).
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

/** Options of `createDocumentConverter`. */
export interface DocumentConverterOptions {
  /** A conversion running longer is stopped. */
  timeoutMs?: number;
  /** An idle worker is stopped after this long. */
  idleMs?: number;
}

/** Converts exports off the event loop. */
export type DocumentConverter = (input: ExportInput, format: DocumentFormat) => Promise<Uint8Array>;

const failure = (why: string, cause?: unknown): ExportFailed =>
  new ExportFailed(`Export impossible : ${why}. Réessayez dans un moment ; si la page est très longue, découpez-la.`, { cause });

/** Creates the converter; its worker starts on first use. */
export function createDocumentConverter({ timeoutMs = 60_000, idleMs = 60_000 }: DocumentConverterOptions = {}): DocumentConverter {
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  function start(): Worker {
    const fresh = new Worker(new URL('./document-worker.ts', import.meta.url));
    // The HTTP server keeps the process alive; an idle converter must not.
    fresh.unref();
    fresh.on('exit', () => {
      if (worker === fresh) worker = undefined;
    });
    return fresh;
  }

  function run(input: ExportInput, format: DocumentFormat): Promise<Uint8Array> {
    clearTimeout(idle);
    const current = (worker ??= start());
    const id = nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
      };
      const onMessage = (reply: DocumentReply) => {
        if (reply.id !== id) return;
        done();
        if (reply.ok) resolve(reply.bytes);
        else reject(failure('la conversion a échoué', new Error(reply.message)));
      };
      const onError = (error: Error) => (done(), reject(failure('la conversion a échoué', error)));
      const onExit = () => (done(), reject(failure('la conversion s’est arrêtée')));
      const timer = setTimeout(() => (done(), reject(failure('la conversion a pris trop de temps')), void current.terminate()), timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      current.postMessage({ id, input, format } satisfies DocumentJob);
    }).finally(() => {
      idle = setTimeout(() => void worker?.terminate(), idleMs);
      idle.unref();
    });
  }

  return (input, format) => {
    const result = queue.then(() => run(input, format));
    queue = result.catch(() => undefined);
    return result;
  };
}
