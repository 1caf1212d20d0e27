/**
 * A real webhook receiver on loopback (node:http), as a team would write one: it checks the
 * signature the way the README tells (HMAC-SHA256 of `<timestamp>.<body>`, compared in constant
 * time) and answers with the status a test chooses.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request received. */
export interface Received {
  /** Path asked. */
  path: string;
  /** Headers, lower-case names. */
  headers: http.IncomingHttpHeaders;
  /** Raw body. */
  body: string;
  /** Parsed body. */
  json: Record<string, unknown>;
  /** True when X-Gare-Signature verifies with the secret given to the receiver. */
  signatureOk: boolean;
}

/** The receiver: what it got, what it answers, where it listens. */
export interface Receiver {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests received, in order. */
  received: Received[];
  /** Status of the next answers (200 by default); a 3xx redirects to `/ailleurs`. */
  status: number;
  /** HMAC key to check signatures with. */
  secret: string;
  /** Stops listening. */
  close(): Promise<void>;
}

/** Checks a delivery's signature as the README's sample does. */
export function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Starts a receiver on a free loopback port (`port` to reuse one after a restart). */
export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], status: 200, secret: '', close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureOk = verify(receiver.secret, String(req.headers['x-gare-timestamp'] ?? ''), body, String(req.headers['x-gare-signature'] ?? ''));
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // Left empty: the test sees it.
      }
      receiver.received.push({ path: req.url ?? '', headers: req.headers, body, json, signatureOk });
      const status = receiver.status;
      res.writeHead(status, status >= 300 && status < 400 ? { Location: '/ailleurs' } : {}).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
