/**
 * The pad server: y-websocket 3 compatible WebSocket endpoint (`ws://host/yjs/<pad-name>`) with
 * Yjs sync + awareness, persistence in the SQL store (SQLite or PostgreSQL), limits, the pad list
 * for the site, and Redis between instances when there are several.
 */
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { GareError } from '../errors.ts';
import { defaultPadLimits, type PadLimits } from './pad-limits.ts';
import { parsePadName, padNameFromUrl } from './pad-names.ts';
import { createPadStore, migratePadStore } from './pad-store.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { createPadMetaStore, PadMetaPatchSchema, type PadMeta, type PadMetaPatch, type PadUser } from './pad-meta-store.ts';
import { createPadRegistry, type PadRegistry } from './pad-registry.ts';
import { PAD_TEXT } from './pad-protocol.ts';
import { attachConnection, closeWithError, type PadConnection } from './pad-connection.ts';
import { vouchedUser } from './pad-awareness.ts';
import { refuseAfterUpgrade, rejectUpgrade } from './pad-upgrade.ts';
import { replaceText } from './replace-text.ts';
import type { ServerEdit } from './pad-doc.ts';
import type { PadHooks } from './pad-hooks.ts';
import type { PadServerOptions, PadSummary } from './pad-server-options.ts';

export { PAD_TEXT } from './pad-protocol.ts';
export type { PadHooks } from './pad-hooks.ts';
export type { PadLimits } from './pad-limits.ts';
export type { PadMeta, PadMetaPatch, PadUser } from './pad-meta-store.ts';
export type { PadServerOptions, PadSummary } from './pad-server-options.ts';

/** The pad server returned by createPadServer. */
export type PadServer = ReturnType<typeof createPadServer>;

/** Creates the pad server; wire `handleUpgrade` to the HTTP server's 'upgrade' for URLs under /yjs/. */
export function createPadServer(options: PadServerOptions) {
  const limits: PadLimits = { ...defaultPadLimits, ...options.limits };
  const now = options.now ?? Date.now;
  const basePath = options.basePath ?? '/yjs';
  if (options.store === undefined && options.dir === undefined) throw new Error('createPadServer: give `store` or `dir`');
  const ownStore = options.store === undefined ? openSqliteStore({ file: join(options.dir ?? '.', 'pads.sqlite') }) : undefined;
  const sql = options.store ?? ownStore!;
  // Every operation waits for the schema; a failed migration fails them all, with its message.
  const migrated = migratePadStore(sql);
  migrated.catch((error: unknown) => console.error('[pads] base des pads inutilisable :', error));
  const store = createPadStore({ sql });
  const meta = createPadMetaStore({ sql });
  // The cluster hands other instances' messages to the registry, which does not exist yet.
  const cluster = options.cluster?.(() => pads);
  const pads: PadRegistry = createPadRegistry({ store, meta, hooks: options.hooks, idleUnloadMs: options.idleUnloadMs ?? 60_000,
    onLoad: cluster && ((padDoc) => cluster.joined(padDoc.name)),
    docOptions: { store, meta, hooks: options.hooks, limits, now, cluster,
      storeDebounceMs: options.storeDebounceMs ?? 200, storeMaxWaitMs: options.storeMaxWaitMs ?? 1000 } });
  const ready = async (): Promise<void> => {
    await migrated;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  // Each open connection and the pad it is in.
  const connections = new Map<PadConnection, string>();
  let closing = false;

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    let padName: string | undefined;
    try {
      padName = padNameFromUrl(request.url ?? '', basePath);
    } catch (error) {
      return rejectUpgrade(socket, 400, error instanceof GareError ? error.message : 'Nom de pad invalide.');
    }
    if (padName === undefined) return rejectUpgrade(socket, 404, 'Adresse de pad inconnue.');
    if (closing) return rejectUpgrade(socket, 503, 'Le serveur redémarre : réessayez dans un instant.');
    let auth: Awaited<ReturnType<PadHooks['onAuthenticate']>>;
    try {
      auth = await options.hooks.onAuthenticate({ request, padName });
    } catch (error) {
      return refuseAfterUpgrade({ wss, request, socket, head, error });
    }
    if (closing) return rejectUpgrade(socket, 503, 'Le serveur redémarre : réessayez dans un instant.');
    const padDoc = await ready().then(() => pads.acquire(padName, { useHook: true })).catch((error: unknown) => {
      console.error(`Pad ${padName}: load failed`, error);
      refuseAfterUpgrade({ wss, request, socket, head, error });
    });
    if (padDoc === undefined) return;
    if (socket.destroyed || closing) {
      rejectUpgrade(socket, 503, 'Le serveur redémarre : réessayez dans un instant.');
      return pads.release(padDoc);
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const onClose = (closed: PadConnection): void => {
        connections.delete(closed);
        pads.release(padDoc);
      };
      connections.set(attachConnection({ ws, padDoc, user: auth.user, readOnly: auth.readOnly, presence: auth.presence ?? true, limits, now, onClose }), padDoc.name);
    });
  }

  // Browsers that vanish without a close frame are found by unanswered pings.
  const pinger = setInterval(() => {
    for (const connection of connections.keys()) {
      if (!connection.alive) connection.ws.terminate();
      connection.alive = false;
      connection.ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pinger.unref();

  return {
    /** Serves an HTTP upgrade under `basePath` (400 for a bad pad name, 404 elsewhere). */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      upgrade(request, socket, head).catch((error: unknown) => {
        console.error('Pad upgrade failed', error);
        socket.destroy();
      });
    },
    /** The current Markdown text of a pad (PageNotFound if it was never created). */
    getText: async (padName: string): Promise<string> =>
      ready().then(() => pads.withPad(parsePadName(padName), false, (p) => p.doc.getText(PAD_TEXT).toString())),
    /** The full Yjs state of a pad (PageNotFound if it was never created). */
    getState: async (padName: string): Promise<Uint8Array> =>
      ready().then(() => pads.withPad(parsePadName(padName), false, (p) => Y.encodeStateAsUpdate(p.doc))),
    /** Creates a pad with `text` (and metadata) unless it exists; true when it was created now. */
    async seedText(padName: string, text: string, patch: PadMetaPatch = {}): Promise<boolean> {
      const name = parsePadName(padName);
      const valid = PadMetaPatchSchema.parse(patch);
      await ready();
      if (await pads.exists(name)) return false;
      await pads.withPad(name, { initialText: text, useHook: false }, () => meta.update(name, valid, now()));
      return true;
    },
    /** Replaces the text of a pad (creating it if needed), credited to `user` when given. */
    setText: async (padName: string, text: string, user?: PadUser): Promise<void> => {
      await ready();
      await pads.withPad(parsePadName(padName), { useHook: false }, async (p) => {
        p.doc.transact(() => replaceText(p.doc.getText(PAD_TEXT), text), { user } satisfies ServerEdit);
        await p.storeNow();
      });
    },
    /** All pads with presence and contributors, most recently changed first. */
    async listPads(): Promise<PadSummary[]> {
      await ready();
      return Promise.all((await meta.list()).map(async (m) => {
        const padDoc = pads.docs.get(m.name);
        const present = new Map<string, { name: string; color?: string }>();
        for (const [peer, pad] of connections) {
          if (pad !== m.name || !peer.presence || padDoc === undefined) continue;
          // The vouched colour, the one the cursor shows: never what the client claimed.
          present.set(peer.user.id, { name: peer.user.name, color: vouchedUser(peer.user).color });
        }
        // People connected to other instances, as their cursors show them here.
        // Someone with tabs on two instances counts once: same vouched name and colour.
        const shown = new Set([...present.values()].map((p) => `${p.name}\u0000${p.color}`));
        for (const user of padDoc?.presence.remoteUsers() ?? []) {
          const key = `${user.name}\u0000${user.color}`;
          if (!shown.has(key)) present.set(`distant:${key}`, { name: user.name, color: user.color });
          shown.add(key);
        }
        return { ...m, present: [...present.values()], contributors: await meta.contributors(m.name) };
      }));
    },
    /** Metadata of a pad, or undefined if it was never created. */
    getMeta: async (padName: string): Promise<PadMeta | undefined> => {
      const name = parsePadName(padName);
      await ready();
      return meta.get(name);
    },
    /** Changes metadata (title, template, visibility, archived, publishedPath), creating the pad's record if needed. */
    updateMeta: async (padName: string, patch: PadMetaPatch): Promise<PadMeta> => {
      const name = parsePadName(padName);
      const valid = PadMetaPatchSchema.parse(patch);
      await ready();
      return meta.update(name, valid, now());
    },
    /** Everyone who wrote at least one update, for co-author trailers. */
    contributorsOf: async (padName: string): Promise<PadUser[]> => {
      const name = parsePadName(padName);
      await ready();
      return meta.contributors(name);
    },
    /** True when at least one pad is public (the site shows « Pads » to everyone then). */
    hasPublicPads: async (): Promise<boolean> => ready().then(() => meta.hasPublic()),
    /**
     * Closes the connections to a pad for which `shouldClose` is true, with the close code of
     * `error` (Forbidden: 4403, so the client stops retrying); returns how many were closed.
     * Used when people lose access to a pad while they are in it.
     */
    disconnect(padName: string, shouldClose: (peer: { user: PadUser; readOnly: boolean }) => boolean, error: GareError): number {
      const name = parsePadName(padName);
      let closed = 0;
      for (const [connection, pad] of connections) {
        if (pad !== name || !shouldClose({ user: connection.user, readOnly: connection.readOnly })) continue;
        closeWithError(connection.ws, error);
        closed += 1;
      }
      return closed;
    },
    /** Runs every pending debounced store now. */
    async flush(): Promise<void> {
      await Promise.all([...pads.docs.values()].map((padDoc) => padDoc.storeNow()));
    },
    /** Resolves once the store is migrated and Redis (when configured) was reached or found away. */
    async started(): Promise<void> {
      await ready();
      await cluster?.started;
    },
    /** Flushes, closes every socket (1001: clients reconnect to the next server) and the database. */
    async close(): Promise<void> {
      closing = true;
      clearInterval(pinger);
      for (const connection of connections.keys()) connection.ws.close(1001, 'Redémarrage du serveur de pads.');
      await pads.closeAll();
      wss.close();
      await cluster?.close();
      await ownStore?.close();
    },
  };
}
