/**
 * Starts the hub under test in a child process (`scale-hub-child.ts`) on a port chosen here, so
 * that « start → first page » is timed from outside: from the spawn to the first 200 of `/`.
 * Its memory and its children's are sampled from the spawn on.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { sampleRss, type RssPeaks } from './scale-rss.ts';

/** Options of `spawnHub`. */
export interface SpawnHubOptions {
  /** Folder holding `dist/` and `node_modules`. */
  site: string;
  /** The content repository. */
  contentDir: string;
  /** GARE_DATA_DIR: fresh for a cold start, the previous one for a restart. */
  dataDir: string;
  /** The hub's output goes there (appended), not into the table. */
  logFile: string;
  /** Longest wait for the first page, then for the search. */
  timeoutMs: number;
}

/** A hub running in a child process. */
export interface SpawnedHub {
  url: string;
  /** Resolves with the ms from spawn to the first 200 of `/`. */
  firstPage: Promise<number>;
  /** Resolves with the ms from spawn to the whole search built. */
  searchReady: Promise<number>;
  /** Memory peaks so far. */
  memory(): RssPeaks;
  /** Stops the hub cleanly (SIGKILL after 10 min: at 100k it saves big caches); resolves with its memory peaks. */
  stop(): Promise<RssPeaks>;
}

/** A port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The error line of a crashed hub's output (its first `…Error: …` line), to say why in the table. */
export function crashReason(output: string): string | undefined {
  return /^\s*(?:\w+)?Error\b.*$/m.exec(output)?.[0].trim().slice(0, 160);
}

function exited(child: ChildProcess, logFile: string, from: number): Promise<never> {
  return new Promise((_, reject) =>
    child.once('exit', (code, signal) => {
      const output = readFileSync(logFile, 'utf8').slice(from);
      const why = crashReason(output);
      reject(new Error(`le hub s’est arrêté (${signal ?? `code ${code}`})${why ? ` : ${why}` : ''}, voir ${logFile}`));
    }),
  );
}

function timeout(ms: number, what: string): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} : rien après ${ms / 1000} s`)), ms)));
  return { promise, clear: () => clearTimeout(timer) };
}

/** Polls `url` every 10 ms until it answers 200. */
async function firstOk(url: string, gone: () => boolean): Promise<void> {
  while (!gone()) {
    const status = await fetch(url, { signal: AbortSignal.timeout(60_000) }).then(
      async (res) => (await res.arrayBuffer(), res.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts the hub; the returned promises time its first page and its search. */
export async function spawnHub({ site, contentDir, dataDir, logFile, timeoutMs }: SpawnHubOptions): Promise<SpawnedHub> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const logStart = statSync(logFile).size;
  const env = { ...process.env, GARE_DATA_DIR: dataDir, GARE_CONTENT_DIR: contentDir, PORT: String(port), HOST: '127.0.0.1' };
  const t0 = performance.now();
  const child = fork(fileURLToPath(new URL('./scale-hub-child.ts', import.meta.url)), [site], { env, stdio: ['ignore', log, log, 'ipc'] });
  closeSync(log);
  const rss = sampleRss(child.pid ?? 0);
  const gone = exited(child, logFile, logStart);
  gone.catch(() => undefined);
  const race = async (work: Promise<unknown>, what: string): Promise<number> => {
    const limit = timeout(timeoutMs, what);
    try {
      await Promise.race([work, gone, limit.promise]);
      return performance.now() - t0;
    } finally {
      limit.clear();
    }
  };
  const firstPage = race(firstOk(url + '/', () => child.exitCode !== null || child.signalCode !== null), 'première page');
  const searchReady = race(new Promise((resolve) => child.on('message', (m: { searchReady?: boolean }) => m.searchReady && resolve(true))), 'recherche');
  firstPage.catch(() => undefined);
  searchReady.catch(() => undefined);
  return {
    url,
    firstPage,
    searchReady,
    memory: () => rss.peaks(),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        const kill = setTimeout(() => child.kill('SIGKILL'), 600_000);
        if (child.connected) child.send({ close: true });
        else child.kill('SIGTERM');
        await done;
        clearTimeout(kill);
      }
      return rss.stop();
    },
  };
}
