/** The hub: the running wiki's state (index, history, search, people, pads), built from config. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { Config } from './config.ts';
import { createAccountStore } from './auth/account-store.ts';
import { createLogin } from './auth/login.ts';
import { resolveViewer } from './auth/resolve-viewer.ts';
import { createCommitQueue } from './git/commit-queue.ts';
import { createHistoryIndex } from './git/history-index.ts';
import { watchRepo } from './git/watch-repo.ts';
import { createRepoFollower } from './hub/follow-repo.ts';
import { createPageRenderer } from './hub/render-cache.ts';
import { createHubPads } from './hub/pad-wiring.ts';
import { createSearchIndexer } from './search/indexer.ts';
import { audienceDir } from './search/bundle-dirs.ts';
import { createWikiIndex } from './wiki/wiki-index.ts';

/** Options of createHub. */
export interface HubOptions {
  /** Resolved configuration. */
  config: Config;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

/** The running hub. */
export type Hub = Awaited<ReturnType<typeof createHub>>;

/** Builds the hub, loads the wiki and its history, and starts following the repository. */
export async function createHub({ config, now = Date.now }: HubOptions) {
  const dir = config.contentDir;
  const clock = () => new Date(now());
  const index = createWikiIndex({ dir });
  const history = createHistoryIndex({ dir });
  const commits = createCommitQueue({ dir, now: clock });
  const searchDir = path.join(config.dataDir, 'search');
  const indexer = createSearchIndexer({ outDir: searchDir, now: clock });
  const accounts = createAccountStore({ file: path.join(config.dataDir, 'accounts.sqlite'), now });
  const login = createLogin({ store: accounts, now });
  const follower = createRepoFollower({ index, history, search: indexer });
  const pads = createHubPads({ dataDir: config.dataDir, contentDir: dir, accounts, now });

  await Promise.all([index.refresh(), history.refresh()]);
  // The first page is served before the search index is built; searches wait for `searchReady`.
  const searchReady = follower.buildSearch().catch((error: unknown) => console.error('[search] construction impossible :', error));
  const watcher = watchRepo({ dir, onChange: () => void follower.sync().catch((e: unknown) => console.error('[sync]', e)) });

  return {
    config,
    index,
    history,
    commits,
    accounts,
    login,
    /** Renders a page for an audience (links to pages it may not read render as missing). */
    renderPage: createPageRenderer(index),
    /** Brings index, history and search up to date after a commit; resolves once searchable. */
    sync: follower.sync,
    search: {
      indexer,
      ready: searchReady,
      /** Folder of an audience's search bundles, served at `/pagefind/<audience>/`. */
      dirFor(audience: string): string | undefined {
        return audience === 'public' || audience === 'equipe' ? audienceDir(searchDir, audience) : undefined;
      },
      /** URL prefix of an audience's bundles. */
      prefixFor(audience: 'public' | 'equipe'): string {
        return `/pagefind/${audience}`;
      },
    },
    /** Who is behind a request. */
    async resolveViewer(req: IncomingMessage) {
      return resolveViewer({ cookieHeader: req.headers.cookie, store: accounts });
    },
    pads,
    /** WebSocket upgrades: pads under `/yjs/`; anything else is refused. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      if ((req.url ?? '').startsWith('/yjs/')) pads.handleUpgrade(req, socket, head);
      else socket.destroy();
    },
    /** The one-time link to create the first admin, while there is none. */
    async firstAdminLink(base: string): Promise<string | undefined> {
      if (accounts.hasAdmin()) return undefined;
      const token = accounts.createFirstAdminToken();
      return token ? `${base}/bienvenue?jeton=${encodeURIComponent(token)}` : undefined;
    },
    /** Stops following, flushes and closes stores. */
    async close(): Promise<void> {
      watcher.close();
      await pads.close();
      await searchReady;
      await indexer.idle();
      accounts.close();
    },
  };
}
