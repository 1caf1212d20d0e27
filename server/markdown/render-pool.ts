/**
 * Renders Markdown off the event loop: a few worker threads run the pipeline, so a page that
 * takes seconds to parse delays nobody else's request. A render that runs too long is stopped
 * and the page is shown as plain text with a French notice.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LinkDestination, RenderedMarkdown } from './render-markdown.ts';
import { linkKey, type AskedLink, type RenderJob, type RenderReply } from './render-jobs.ts';

/** One render asked of the pool. */
export interface PoolRequest {
  /** Markdown without front matter. */
  source: string;
  /** Repository path of the page. */
  path?: string | undefined;
  /** Title shown above the page. */
  title?: string | undefined;
  /** Answers a link (on the main thread); without it nothing is looked up (previews). */
  resolve?: ((link: AskedLink) => LinkDestination) | undefined;
  /** Links the page is known to hold (from the index), answered before the worker asks. */
  expected?: readonly AskedLink[] | undefined;
  /** `low`: a background render, started only when no other render waits. */
  priority?: 'low' | undefined;
}

/** Options of createRenderPool. */
export interface RenderPoolOptions {
  /** Worker threads (default: the cores but one, at least 1, at most 2). */
  size?: number;
  /** A render running longer than this is stopped and the page shown as text. */
  timeoutMs?: number;
}

/** The pool. */
export interface RenderPool {
  /** Renders off the event loop; never rejects on content. */
  render(request: PoolRequest): Promise<RenderedMarkdown>;
  /** Stops the workers. */
  close(): Promise<void>;
}

interface Pending {
  job: RenderJob;
  settle: (reply: RenderReply) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page as plain text, when the pipeline could not render it in time. */
function asText(source: string, message: string): RenderedMarkdown {
  return {
    html: `<p class="markdown-notice">${escapeHtml(message)}</p><pre class="markdown-source">${escapeHtml(source)}</pre>`,
    headings: [],
    links: [],
    problems: [{ message, line: undefined, ruleId: 'gare:too-complex' }],
  };
}

/** Creates the pool; workers start on first use. */
export function createRenderPool({ size = Math.min(2, Math.max(1, os.availableParallelism() - 1)), timeoutMs = 20_000 }: RenderPoolOptions = {}): RenderPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  // Background renders (after start) wait behind every visitor's render.
  const lowQueue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url));
    // The HTTP server keeps the process alive; an idle pool must not.
    worker.unref();
    const slot: Slot = { worker, busy: undefined, timer: undefined };
    worker.on('message', (reply: RenderReply) => finish(slot, reply));
    worker.on('error', (error: Error) => replace(slot, `le rendu a échoué (${error.message})`));
    worker.on('exit', () => {
      if (!closed && slots.includes(slot)) replace(slot, 'le rendu s’est arrêté');
    });
    return slot;
  }

  function finish(slot: Slot, reply: RenderReply): void {
    const pending = slot.busy;
    clearTimeout(slot.timer);
    slot.busy = undefined;
    if (pending && reply.id === pending.job.id) pending.settle(reply);
    pump();
  }

  function replace(slot: Slot, why: string): void {
    const pending = slot.busy;
    clearTimeout(slot.timer);
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
    pending?.settle({ id: pending.job.id, ok: false, message: why });
    pump();
  }

  function pump(): void {
    if (closed) return;
    while (queue.length + lowQueue.length > 0) {
      let slot = slots.find((s) => !s.busy);
      if (!slot && slots.length < size) slots.push((slot = spawn()));
      if (!slot) return;
      const pending = (queue.shift() ?? lowQueue.shift()) as Pending;
      slot.busy = pending;
      const running = slot;
      running.timer = setTimeout(() => replace(running, 'la page est trop complexe pour être mise en forme à temps'), timeoutMs);
      running.worker.postMessage(pending.job);
    }
  }

  function send(job: Omit<RenderJob, 'id'>, low = false): Promise<RenderReply> {
    return new Promise((settle) => {
      const id = nextId++;
      // After close nothing would ever run it: a render asked then (a second pass for links, a
      // last request) answers at once instead of holding the shutdown.
      if (closed) return settle({ id, ok: false, message: 'le serveur s’arrête' });
      (low ? lowQueue : queue).push({ job: { ...job, id }, settle });
      pump();
    });
  }

  const answersFor = (links: readonly AskedLink[], resolve: PoolRequest['resolve']): [string, LinkDestination][] =>
    resolve ? links.map((l) => [linkKey(l), resolve(l)]) : [];

  return {
    async render({ source, path, title, resolve, expected = [], priority }) {
      const base = { source, path, title, resolve: resolve !== undefined };
      const answers = answersFor(expected, resolve);
      let reply = await send({ ...base, answers }, priority === 'low');
      // The index and the pipeline agree on links; a link only the pipeline saw is answered now.
      if (reply.ok && reply.misses && reply.misses.length > 0 && resolve) {
        reply = await send({ ...base, answers: [...answers, ...answersFor(reply.misses, resolve)] }, priority === 'low');
      }
      if (!reply.ok) return asText(source, `Cette page est affichée comme texte brut : ${reply.message}. Simplifiez sa mise en forme ou découpez-la.`);
      return reply.rendered;
    },
    async close() {
      closed = true;
      const stopping = (pending: Pending | undefined) => pending?.settle({ id: pending.job.id, ok: false, message: 'le serveur s’arrête' });
      queue.splice(0).forEach(stopping);
      lowQueue.splice(0).forEach(stopping);
      for (const slot of slots) {
        clearTimeout(slot.timer);
        stopping(slot.busy);
      }
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
