/**
 * Worker thread that reads an upload and plans its import: unzipping and converting a 50 Mio
 * document takes seconds of CPU, which must never hold the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GareError } from '../errors.ts';
import { buildPlan } from './build-plan.ts';
import type { ImportOptions } from './import-options.ts';
import { parseUpload } from './parse-upload.ts';

/** What the worker is given. */
export interface ImportWorkerInput {
  /** The upload. */
  bytes: Uint8Array;
  /** Its name. */
  fileName: string;
  /** What the person chose. */
  options: ImportOptions;
  /** Content repository working tree. */
  dir: string;
  /** Page paths at HEAD. */
  taken: string[];
}

const input = workerData as ImportWorkerInput;
try {
  const parsed = await parseUpload(input.bytes, input.fileName);
  const plan = buildPlan({ parsed, fileName: input.fileName, options: input.options, dir: input.dir, taken: new Set(input.taken) });
  parentPort?.postMessage({ plan });
} catch (error) {
  const known = error instanceof GareError;
  parentPort?.postMessage({ error: { code: known ? error.code : 'InternalError', message: known ? error.message : String(error) } });
}
