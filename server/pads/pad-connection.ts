/** One WebSocket editor of a pad: decodes its messages, enforces limits, closes only itself on trouble. */
import type { WebSocket, RawData } from 'ws';
import * as decoding from 'lib0/decoding';
import { GareError, InvalidInput, PayloadTooLarge, TooManyRequests, wsCloseCodes } from '../errors.ts';
import { createTokenBucket, type PadLimits } from './pad-limits.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, messageTypes, syncTypes } from './pad-protocol.ts';
import type { PadDoc, PadPeer } from './pad-doc.ts';
import type { PadUser } from './pad-meta-store.ts';

/** A connected editor, with the liveness flag the server's ping loop uses. */
export interface PadConnection extends PadPeer {
  /** False once a ping went unanswered. */
  alive: boolean;
  /** The socket. */
  readonly ws: WebSocket;
  /** False for a connection that sees who is there but does not show itself (its awareness is dropped). */
  readonly presence: boolean;
}

/** Close code for a server-side failure the client cannot fix (it will retry with backoff). */
export const internalErrorCloseCode = 1011;
/** Close code sent to a client too slow to keep up (it reconnects and resyncs). */
export const tryAgainLaterCloseCode = 1013;

/** Closes `ws` with the close code mapped from `error`, and a reason that fits in a close frame. */
export function closeWithError(ws: WebSocket, error: unknown): void {
  const code = error instanceof GareError ? (wsCloseCodes[error.code] ?? internalErrorCloseCode) : internalErrorCloseCode;
  const message = error instanceof GareError ? error.message : 'Erreur interne du serveur de pads : réessayez plus tard.';
  // A close reason is at most 123 bytes of UTF-8.
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  if (ws.readyState === ws.CONNECTING || ws.readyState === ws.OPEN) ws.close(code, reason);
}

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;

/** Wires a freshly upgraded socket to a loaded pad; `onClose` runs once when it ends. */
export function attachConnection(options: {
  ws: WebSocket;
  padDoc: PadDoc;
  user: PadUser;
  readOnly: boolean;
  presence?: boolean;
  limits: PadLimits;
  now: () => number;
  onClose: (connection: PadConnection) => void;
}): PadConnection {
  const { ws, padDoc, limits, now } = options;
  const messageBucket = createTokenBucket({ perSecond: limits.messagesPerSecond, burst: limits.messageBurst, now });
  const byteBucket = createTokenBucket({ perSecond: limits.bytesPerSecond, burst: limits.byteBurst, now });
  let closed = false;
  const connection: PadConnection = {
    ws,
    user: options.user,
    readOnly: options.readOnly,
    presence: options.presence ?? true,
    awarenessIds: new Set(),
    alive: true,
    send(message) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        ws.close(tryAgainLaterCloseCode, 'Connexion trop lente : reconnexion…');
        return;
      }
      ws.send(message, (error) => {
        if (error) ws.terminate();
      });
    },
  };

  // Anything thrown while reading client input is a malformed message: close this editor only.
  const fail = (error: unknown): void => {
    closed = true;
    closeWithError(ws, error instanceof GareError ? error : new InvalidInput('Message illisible : rechargez la page du pad.', { cause: error }));
  };
  const handle = (bytes: Uint8Array): void => {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === messageTypes.sync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncTypes.step1) {
        // Answered with stored state only: what the editor then holds survives a crash.
        padDoc.whenStored(() => {
          try {
            if (!closed) connection.send(encodeSyncStep2(padDoc.doc, payload));
          } catch (error) {
            fail(error);
          }
        });
      } else if (step === syncTypes.step2 || step === syncTypes.update) {
        // Read-only editors still sync (they receive), but what they send is dropped.
        if (!connection.readOnly) {
          padDoc.applyClientUpdate(payload, connection).catch((error: unknown) => {
            // Not stored, so not applied: the editor keeps it and sends it again once reconnected.
            console.error(`Pad ${padDoc.name}: update not stored`, error);
            closed = true;
            if (ws.readyState === ws.OPEN) ws.close(tryAgainLaterCloseCode, 'Enregistrement impossible : reconnexion…');
          });
        }
      } else throw new InvalidInput('Message de synchronisation inconnu : mettez à jour la page du pad.');
    } else if (type === messageTypes.awareness) {
      const update = decoding.readVarUint8Array(decoder);
      if (connection.presence) padDoc.presence.apply(update, connection);
    } else if (type === messageTypes.queryAwareness) {
      connection.send(encodeAwareness(padDoc.presence.awareness));
    } else if (type !== messageTypes.auth) {
      throw new InvalidInput('Message inconnu : rechargez la page du pad.');
    }
  };

  ws.on('message', (data, isBinary) => {
    if (closed || ws.readyState !== ws.OPEN) return;
    const bytes = toBytes(data);
    try {
      if (!isBinary) throw new InvalidInput('Message texte refusé : le pad parle le protocole binaire Yjs.');
      if (bytes.length > limits.maxMessageBytes) throw new PayloadTooLarge('Message trop grand : collez le texte en plusieurs fois.');
      if (!messageBucket.take(1) || !byteBucket.take(bytes.length)) {
        throw new TooManyRequests('Trop de messages en peu de temps : rechargez la page dans un moment.');
      }
      handle(bytes);
    } catch (error) {
      fail(error);
    }
  });
  // ws reports bad frames and oversized messages here after it has itself started the close
  // handshake (1002, 1009); the listener only keeps the error from crashing the process.
  ws.on('error', () => {
    closed = true;
  });
  ws.on('pong', () => {
    connection.alive = true;
  });
  ws.on('close', () => {
    closed = true;
    padDoc.removePeer(connection);
    options.onClose(connection);
  });

  padDoc.peers.add(connection);
  connection.send(encodeSyncStep1(padDoc.doc));
  if (padDoc.presence.awareness.getStates().size > 0) connection.send(encodeAwareness(padDoc.presence.awareness));
  return connection;
}
