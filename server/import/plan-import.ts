/** Plans an import in a worker thread, one at a time, within time and memory bounds. */
import { Worker } from 'node:worker_threads';
import { GareError, InvalidInput } from '../errors.ts';
import { createSerial } from '../util/serial.ts';
import type { ImportPlan } from './build-plan.ts';
import { ImportConflict, NothingToImport, UnsafeArchive, WrongFileType } from './import-errors.ts';
import type { ImportWorkerInput } from './import-worker.ts';

/** Longest an upload may take to read and convert. */
const timeoutMs = 120_000;
// Imports are rare and heavy: one at a time keeps two cores for everyone else.
const queue = createSerial();

const errorClasses: Record<string, new (message: string) => GareError> = { WrongFileType, UnsafeArchive, NothingToImport, ImportConflict, InvalidInput };

/** A worker's refusal as the same error class, so the one mapping gives its HTTP status. */
function rebuild(error: { code: string; message: string }): Error {
  const Class = errorClasses[error.code];
  if (Class) return new Class(error.message);
  return new WrongFileType('Ce fichier n’a pas pu être lu : il est peut-être abîmé. Exportez-le à nouveau puis réessayez.', { cause: new Error(error.message) });
}

function runWorker(input: ImportWorkerInput): Promise<ImportPlan> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new WrongFileType('La lecture de ce fichier prend trop de temps : découpez-le en plusieurs envois plus petits.'))), timeoutMs);
    worker.on('message', (message: { plan?: ImportPlan; error?: { code: string; message: string } }) => finish(() => (message.plan ? resolve(message.plan) : reject(rebuild(message.error ?? { code: '', message: '' })))));
    worker.on('error', (error) => finish(() => reject(new WrongFileType('Ce fichier est trop lourd ou abîmé pour être lu : découpez-le ou exportez-le à nouveau.', { cause: error }))));
    worker.on('exit', () => finish(() => reject(new WrongFileType('La lecture de ce fichier s’est arrêtée : réessayez ; si cela persiste, découpez-le.'))));
  });
}

/** Reads the upload and plans what it would create; nothing is written. */
export function planImport(input: ImportWorkerInput): Promise<ImportPlan> {
  return queue.run(() => runWorker(input));
}
