/**
 * The latency ceiling: a static file server on the same box serving Hugo's output on a loopback
 * port. Debian's nginx with a temporary configuration (`-p <dir> -c <conf>`, `daemon off`, no
 * system service), installed when missing; when it cannot be, a `node:http` static server in its
 * own process, and the rows say so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './scale-hub.ts';
import { ensureProgram } from './scale-tools.ts';

/** A running static server. */
export interface StaticServer {
  url: string;
  /** `nginx` or `node:http (nginx absent : <reason>)`. */
  label: string;
  stop(): Promise<void>;
}

/** nginx's configuration serving `publicDir` on `port`, everything it writes kept in `dir`. */
export function nginxConfig({ dir, publicDir, port, asRoot }: { dir: string; publicDir: string; port: number; asRoot: boolean }): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${path.join(dir, t)};`);
  return [
    'daemon off;',
    // The temporary folders are private to root: the workers read them as root too.
    ...(asRoot ? ['user root;'] : []),
    'worker_processes auto;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  keepalive_requests 1000000;',
    '  types { text/html html; text/css css; application/javascript js; application/json json; }',
    '  default_type application/octet-stream;',
    ...temp,
    `  server { listen 127.0.0.1:${port}; root ${publicDir}; index index.html; }`,
    '}',
    '',
  ].join('\n');
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 30_000) {
    if (child.exitCode !== null) throw new Error(`arrêté au démarrage (code ${child.exitCode})`);
    if (await fetch(url).then((r) => r.arrayBuffer().then(() => true), () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('ne répond pas après 30 s');
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise((resolve) => child.once('exit', resolve));
    // nginx stops gracefully on SIGQUIT, at once on SIGTERM; the load is over, so at once.
    child.kill('SIGTERM');
    await done;
  };
}

/** Starts nginx (installing it when missing) or the node:http fallback over `publicDir`. */
export async function startStaticServer({ dir, publicDir, say }: { dir: string; publicDir: string; say: (line: string) => void }): Promise<StaticServer> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let nginx: string;
  try {
    nginx = await ensureProgram('nginx', 'nginx', say);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    say(`nginx indisponible (${reason}) : serveur statique node:http à la place.`);
    const child = spawn(process.execPath, [new URL('./scale-static-child.ts', import.meta.url).pathname, publicDir, String(port)], { stdio: 'ignore' });
    await waitUntilServing(url + '/', child);
    return { url, label: `node:http (nginx absent : ${reason})`, stop: stopper(child) };
  }
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, nginxConfig({ dir, publicDir, port, asRoot: process.getuid?.() === 0 }));
  const child = spawn(nginx, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  await waitUntilServing(url + '/', child);
  return { url, label: 'nginx', stop: stopper(child) };
}
