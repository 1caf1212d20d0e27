/** Serves files from a folder without ever leaving it (built assets, search bundles). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** Content type of a file name (`application/octet-stream` when unknown). */
export function contentTypeOf(file: string): string {
  return types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Options of serveFile. */
export interface ServeFileOptions {
  /** Folder the file must be inside. */
  root: string;
  /** Path inside the folder, already URL-decoded. */
  rel: string;
  /** Cache-Control value. */
  cache: string;
}

/** Streams `root/rel` if it is a file inside root; returns false (nothing written) otherwise. */
export async function serveFile(req: IncomingMessage, res: ServerResponse, { root, rel, cache }: ServeFileOptions): Promise<boolean> {
  const full = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (full !== root && !full.startsWith(root + path.sep)) return false;
  const s = await stat(full).catch(() => undefined);
  if (!s?.isFile()) return false;
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(full));
  res.setHeader('Content-Length', s.size);
  res.setHeader('Cache-Control', cache);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    createReadStream(full).on('error', () => (res.destroy(), resolve())).pipe(res).on('finish', resolve).on('close', resolve);
  });
  return true;
}
