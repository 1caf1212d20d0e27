/** Answers to WebSocket upgrade requests the pad server refuses or fails to serve. */
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { WebSocketServer } from 'ws';
import { closeWithError } from './pad-connection.ts';

/** Refuses the HTTP upgrade with a plain-text status (for a bad URL, before any WebSocket exists). */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = Buffer.from(message + '\n');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n\r\n` +
      body.toString(),
  );
}

/**
 * Completes the upgrade only to close at once with the close code mapped from `error`: browsers
 * do not expose HTTP statuses of failed upgrades, and y-websocket stops retrying on 44xx codes.
 */
export function refuseAfterUpgrade(options: {
  wss: WebSocketServer;
  request: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  error: unknown;
}): void {
  const { wss, request, socket, head, error } = options;
  if (socket.destroyed) return;
  wss.handleUpgrade(request, socket, head, (ws) => {
    ws.on('error', () => {});
    closeWithError(ws, error);
  });
}
