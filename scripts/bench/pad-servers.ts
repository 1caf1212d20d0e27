/** Starts the pad servers under test in child processes: ours, and y-websocket 2's reference server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ServerStats } from './pad-probe.ts';

/** Which server: ours (`createPadServer`, SQLite persistence) or y-websocket 2's `bin/server.cjs` (memory only). */
export type PadServerKind = 'ours' | 'reference';

/** A pad server running in a child process. */
export interface RunningPadServer {
  /** Server URL to give WebsocketProvider (the pad name is appended). */
  url: string;
  /** Asks the child for its CPU time and memory. */
  stats(): Promise<ServerStats>;
  /** Stops the child (SIGTERM, then SIGKILL after 3 s) and removes its data. */
  stop(): Promise<void>;
}

const startTimeoutMs = 20_000;

/** A port free on 127.0.0.1 now (the reference server only takes a fixed PORT). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the first IPC message that has `key`, or rejects on exit or after `timeoutMs`. */
function nextMessage<T>(child: ChildProcess, key: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`pad server: no ${key} after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown): void => {
      if (message && typeof message === 'object' && key in message) done(undefined, (message as Record<string, T>)[key]);
    };
    const onExit = (code: number | null): void => done(new Error(`pad server exited (${code}) before ${key}`));
    function done(error?: Error, value?: T): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Waits until something accepts TCP connections on the port. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < startTimeoutMs) {
    if (child.exitCode !== null) throw new Error(`reference pad server exited (${child.exitCode})`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
      socket.setTimeout(1000, () => resolve(false));
      setTimeout(() => socket.destroy(), 1000);
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`reference pad server not listening after ${startTimeoutMs} ms`);
}

/** Starts a pad server of `kind` in a child process, listening on 127.0.0.1 only. */
export async function startPadServer({ kind, root, env: extra = {} }: { kind: PadServerKind; root: string; env?: Record<string, string> }): Promise<RunningPadServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gare-bench-pads-${kind}-`));
  const probe = path.join(root, 'scripts/bench/pad-probe.ts');
  const port = kind === 'reference' ? await freePort() : 0;
  const entry = kind === 'ours' ? [path.join(root, 'scripts/bench/pad-server-child.ts'), dir] : [path.join(root, 'node_modules/y-websocket-v2/bin/server.cjs')];
  // No YPERSISTENCE: the reference server keeps documents in memory only.
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...extra };
  delete env.YPERSISTENCE;
  const child = spawn(process.execPath, ['--expose-gc', '--import', probe, ...entry], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const listening = kind === 'ours' ? await nextMessage<number>(child, 'port', startTimeoutMs) : (await waitForPort(port, child), port);
    const base = `ws://127.0.0.1:${listening}`;
    return {
      url: kind === 'ours' ? `${base}/yjs` : base,
      stats() {
        const answer = nextMessage<ServerStats>(child, 'stats', 10_000);
        child.send('stats');
        return answer;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${kind} pad server did not start: ${stderr.trim()}`, { cause: error });
  }
}
