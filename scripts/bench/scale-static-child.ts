/**
 * Fallback static file server for the scale benchmark when nginx cannot be installed: serves a
 * folder (`/a/b/` → `a/b/index.html`) on 127.0.0.1. Arguments: the folder, the port.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const [folder, port] = process.argv.slice(2);
if (!folder || !port) throw new Error('usage: scale-static-child.ts <folder> <port>');

http
  .createServer((req, res) => {
    const wanted = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(folder, path.normalize(wanted).replace(/^(\.\.[/\\])+/, ''), wanted.endsWith('/') ? 'index.html' : '');
    void stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream', 'Content-Length': s.size });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  })
  .listen(Number(port), '127.0.0.1');
