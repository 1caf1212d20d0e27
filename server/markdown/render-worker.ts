/**
 * The Markdown pipeline in a worker thread: a pathological page (40,000 `[`) takes seconds to
 * parse, and no request may hold the event loop that long. Links are answered from a table the
 * main thread built; a link the table lacks renders as missing and is reported back, so the main
 * thread can answer it and ask once more.
 */
import { parentPort } from 'node:worker_threads';
import { renderMarkdown, type LinkDestination, type RenderedMarkdown } from './render-markdown.ts';
import { linkKey, type RenderJob, type RenderReply } from './render-jobs.ts';

/** Renders one job with its table of answers. */
function run(job: RenderJob): { rendered: RenderedMarkdown; misses: RenderJob['misses'] } {
  const misses: { kind: 'wiki' | 'relative'; target: string }[] = [];
  const answers = new Map<string, LinkDestination>(job.answers);
  const rendered = renderMarkdown({
    source: job.source,
    path: job.path,
    title: job.title,
    ...(job.resolve
      ? {
          resolver: {
            resolve(link): LinkDestination {
              const answer = answers.get(linkKey(link));
              if (answer) return answer;
              misses.push({ kind: link.kind, target: link.target });
              return { kind: 'missing' };
            },
          },
        }
      : {}),
  });
  return { rendered, misses };
}

parentPort?.on('message', (job: RenderJob) => {
  let reply: RenderReply;
  try {
    reply = { id: job.id, ok: true, ...run(job) };
  } catch (error) {
    reply = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
