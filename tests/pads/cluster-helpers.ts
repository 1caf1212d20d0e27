/** Test helpers for several pad instances: a load balancer in front of them, and an instance in a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A TCP load balancer on a loopback port, as nginx would be: each connection goes to the first
 * instance of `ports()` that accepts it, so when one dies its editors reconnect to the next.
 */
export async function startBalancer(ports: () => number[]) {
  const sockets = new Set<Socket>();
  const server = createServer((downstream) => {
    sockets.add(downstream);
    downstream.on('close', () => sockets.delete(downstream));
    downstream.on('error', () => downstream.destroy());
    downstream.pause();
    const tryNext = (left: number[]): void => {
      const port = left[0];
      if (port === undefined) return void downstream.destroy();
      const upstream = createConnection({ port, host: '127.0.0.1' });
      sockets.add(upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        upstream.on('close', () => downstream.destroy());
        downstream.on('close', () => upstream.destroy());
        downstream.pipe(upstream).pipe(downstream);
        downstream.resume();
      });
      upstream.on('error', () => {
        sockets.delete(upstream);
        if (connected) downstream.destroy();
        else tryNext(left.slice(1));
      });
    };
    tryNext(ports());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/yjs`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/cluster-process.ts', import.meta.url));

/** A pad instance in a child process over `database` (SQLite file or PostgreSQL URL) and Redis. */
export async function spawnPadInstance(database: string, redisUrl: string): Promise<{ child: ChildProcess; port: number; url: string }> {
  const child = spawn(node, [fixture, database, redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`pad instance exited with ${code}`)));
  });
  return { child, port, url: `ws://127.0.0.1:${port}/yjs` };
}
