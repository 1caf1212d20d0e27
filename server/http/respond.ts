/** Writes route results and errors: JSON for the API, a short French page otherwise. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** Writes what a route returned: a web Response is streamed, undefined means already written. */
export async function sendResult(req: IncomingMessage, res: ServerResponse, result: unknown): Promise<void> {
  if (result === undefined) return;
  if (result instanceof Response) {
    res.statusCode = result.status;
    result.headers.forEach((v, k) => res.setHeader(k, v));
    if (!result.body || req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolve) => Readable.fromWeb(result.body as never).pipe(res).on('finish', resolve).on('close', resolve));
    return;
  }
  sendJson(res, 200, result);
}

/** Writes a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** Writes an error as `{ error: { code, message } }`. */
export function sendError(res: ServerResponse, e: { status: number; code: string; message: string }): void {
  sendJson(res, e.status, { error: { code: e.code, message: e.message } });
}

/** Redirects (303 after a form POST). */
export function redirect(location: string, status = 303): Response {
  return new Response(null, { status, headers: { Location: location } });
}
