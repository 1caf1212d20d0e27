/**
 * Memory of a process and of its whole tree (the hub and the Pagefind indexers it starts), read
 * from /proc: resident set sizes summed over the process and its descendants, sampled every
 * 100 ms, peaks kept. Linux only (the benchmark's machine).
 */
import { readFile, readdir } from 'node:fs/promises';

/** Resident memory of one process in bytes; 0 once it is gone. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** The parent of every live process (one scan of /proc: children files need a kernel option). */
async function parents(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const name of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) out.set(Number(name), ppid);
  }
  return out;
}

/** `pid` and all its descendants alive now. */
export async function processTree(pid: number): Promise<number[]> {
  const byParent = new Map<number, number[]>();
  for (const [child, parent] of await parents()) {
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(child);
    else byParent.set(parent, [child]);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(byParent.get(next) ?? []));
  }
  return tree;
}

/** Peaks seen by a sampler, in bytes. */
export interface RssPeaks {
  /** The process alone. */
  own: number;
  /** The process plus its descendants, summed at the same instant. */
  tree: number;
  /** Number of samples taken. */
  samples: number;
}

/** A running sampler. */
export interface RssSampler {
  /** Peaks so far. */
  peaks(): RssPeaks;
  /** Stops sampling; resolves with the peaks. */
  stop(): Promise<RssPeaks>;
}

/** Samples `pid`'s memory and its tree's every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  const peaks: RssPeaks = { own: 0, tree: 0, samples: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const tree = await processTree(pid);
      const sizes = await Promise.all(tree.map(rssOf));
      peaks.own = Math.max(peaks.own, sizes[0] ?? 0);
      peaks.tree = Math.max(peaks.tree, sizes.reduce((a, b) => a + b, 0));
      peaks.samples++;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - started))));
    }
  })();
  return {
    peaks: () => ({ ...peaks }),
    async stop() {
      stopped = true;
      await loop;
      return { ...peaks };
    },
  };
}
