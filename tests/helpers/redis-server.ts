/**
 * A real Redis for tests: Debian's `redis-server` (`.ci/run` installs it) on a free loopback port
 * in a temporary folder, in the foreground, saving nothing. Never a system service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running test Redis. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Kills it (SIGKILL: as if it crashed); the port stays the same for `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it saves nothing); nothing if it runs. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** A port free right now on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `redis-server` and resolves once it accepts connections. */
export async function startRedisServer(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'gare-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child !== undefined && child.exitCode === null) return;
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const read = (chunk: Buffer): void => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve();
      };
      started.stdout?.on('data', read);
      started.stderr?.on('data', read);
      started.once('error', (error) => reject(new Error(`redis-server introuvable : installez-le (apt-get install redis-server). ${error.message}`)));
      started.once('exit', (code) => reject(new Error(`redis-server stopped (${code}): ${out}`)));
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  // If the test process exits without afterAll, the server does not outlive it.
  const orphan = (): void => void child?.kill('SIGKILL');
  process.once('exit', orphan);
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async close() {
      process.off('exit', orphan);
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
