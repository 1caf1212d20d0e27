/** Composition root: config → content repository → hub → HTTP server (site, API, pads, search). */
import { mkdir, readdir } from 'node:fs/promises';
import http from 'node:http';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from './config.ts';
import { ConfigError, PortInUse } from './errors.ts';
import type { Hub } from './hub/create-hub.ts';
import type { AstroHandler } from './http/app.ts';

/**
 * The hub's modules, loaded once node's compile cache is on: about 1,600 files (1.6 s of CPU)
 * were stripped of their types and compiled again at every start; with the cache, about 1.1 s.
 */
async function loadHubModules() {
  // On disk under the system's temporary folder (NODE_COMPILE_CACHE to move it,
  // NODE_DISABLE_COMPILE_CACHE=1 to turn it off); worker threads follow the variable.
  const cache = module.enableCompileCache?.();
  if (cache?.directory) process.env['NODE_COMPILE_CACHE'] ??= cache.directory;
  const [seed, clone, hub, app, routes] = await Promise.all([
    import('./git/seed-repo.ts'),
    import('./git/clone-remote.ts'),
    import('./hub/create-hub.ts'),
    import('./http/app.ts'),
    import('./http/api/routes.ts'),
  ]);
  return { ...seed, ...clone, ...hub, ...app, ...routes };
}

/** Options of startGare. */
export interface StartOptions {
  /** Resolved configuration. */
  config: Config;
  /** Project folder (holds `content/` and `dist/`). */
  root: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** A running hub. */
export interface RunningGare {
  /** The hub's state. */
  hub: Hub;
  /** The HTTP server. */
  server: http.Server;
  /** Base URL (`http://127.0.0.1:4321`). */
  url: string;
  /** Stops serving, flushes pads and stores. */
  close(): Promise<void>;
}

/** Prepares the content repository, loads the hub and starts listening. */
export async function startGare({ config, root, now = Date.now }: StartOptions): Promise<RunningGare> {
  const { cloneFromRemote, createApiRoutes, createHub, createRequestHandler, ensureContentRepo, isGitRepo } = await loadHubModules();
  await mkdir(config.dataDir, { recursive: true });
  // An instance beside others starts from the forge's repository, not from the sample wiki.
  if (config.remote && !(await isGitRepo(config.contentDir)) && (await readdir(config.contentDir).catch(() => [])).length === 0) {
    await cloneFromRemote({ dir: config.contentDir, url: config.remote.url, token: config.remote.token ?? '' });
  }
  if (config.seedContent) {
    await ensureContentRepo({ dir: config.contentDir, sampleDir: path.join(root, 'content'), now: () => new Date(now()) });
  } else if (!(await isGitRepo(config.contentDir))) {
    throw new ConfigError(`GARE_CONTENT_DIR=${config.contentDir} n’est pas un dépôt git : indiquez un dépôt existant (git init) ou laissez la variable vide pour le wiki d’exemple.`);
  }
  // The port is taken before the hub loads: a second start on the same data folder must not touch it.
  let onRequest: http.RequestListener = (_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
    res.end('Gare centrale démarre : réessayez dans quelques secondes.\n');
  };
  const server = http.createServer((req, res) => onRequest(req, res));
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await listen(server, config);
  let hub: Hub;
  // Background work (the search's preparation first) waits until the hub answers requests.
  let answering = (): void => undefined;
  const backgroundGate = new Promise<void>((resolve) => (answering = resolve));
  try {
    hub = await createHub({ config, now, backgroundGate });
    const entry = pathToFileURL(path.join(root, 'dist', 'server', 'entry.mjs')).href;
    const { handler } = (await import(entry)) as { handler: AstroHandler };
    onRequest = createRequestHandler({
      hub,
      astro: handler,
      clientDir: path.join(root, 'dist', 'client'),
      routes: createApiRoutes(),
      resolveViewer: (req) => hub.resolveViewer(req),
    });
  } catch (error) {
    server.close();
    throw error;
  }
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  answering();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    hub,
    server,
    url,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Upgraded pad sockets are no HTTP connections: the server waits for them until the hub
      // closes its pads (after flushing them), so the hub closes before the wait, not after.
      await hub.close();
      await stopped;
    },
  };
}

/** Listens on the configured port; a busy port is a `PortInUse` with a French hint. */
function listen(server: http.Server, config: Config): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(new Error(`Cannot listen on ${config.host}:${config.port}`, { cause: error }));
      reject(new PortInUse(`Le port ${config.port} est déjà pris (Gare centrale tourne peut-être déjà) : arrêtez l’autre programme ou choisissez un autre port, par exemple PORT=${config.port + 1} npm start.`));
    });
    server.listen(config.port, config.host, () => resolve());
  });
}
