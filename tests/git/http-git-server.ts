/** A real git smart-HTTP server on loopback: Debian's git-http-backend (CGI) behind Node http, with Basic auth. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of `startGitHttpServer`. */
export interface GitHttpServerOptions {
  /** Folder holding bare repositories (`<root>/<name>.git`). */
  root: string;
  /** Password every request must carry (any user name). */
  token: string;
}

/** Starts the server on a free port; `url(name)` gives a repository URL. */
export async function startGitHttpServer(options: GitHttpServerOptions) {
  const { root, token } = options;
  const server = http.createServer((req, res) => {
    const header = req.headers.authorization ?? '';
    const [user = '', pass = ''] = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString().split(':');
    if (!header.startsWith('Basic ') || pass !== token) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="gare"' }).end('unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const child = spawn('/usr/lib/git-core/git-http-backend', [], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(child.stdin);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', () => {
      const output = Buffer.concat(chunks);
      const split = output.indexOf('\r\n\r\n');
      const head = output.subarray(0, split).toString();
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else if (name) headers[name] = value;
      }
      res.writeHead(status, headers).end(output.subarray(split + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** URL of a repository, optionally with credentials for the git CLI. */
    url: (name: string, credentials?: string) => `http://${credentials ? `${credentials}@` : ''}127.0.0.1:${port}/${name}`,
    /** Stops the server. */
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
