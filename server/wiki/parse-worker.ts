/**
 * Reads and parses page files in a worker thread: on a first start every page is read (about
 * 0.4 ms of CPU a page with the promise-based reads), and doing it here leaves the event loop free
 * and uses the other cores. Reads are synchronous, through the content files' door.
 */
import { parentPort } from 'node:worker_threads';
import { readContentTextSync } from '../git/content-files.ts';
import { pageFromText, pageText } from './page-file.ts';
import type { ParseJob, ParseReply } from './parse-jobs.ts';

parentPort?.on('message', (job: ParseJob) => {
  const pages = job.files.map(([path, size]) => {
    const text = pageText(path, size, () => readContentTextSync(job.dir, path));
    return text === undefined ? undefined : pageFromText({ path, text, size, settings: job.settings });
  });
  const reply: ParseReply = { id: job.id, pages };
  parentPort?.postMessage(reply);
});
